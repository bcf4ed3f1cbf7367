import { Decimal } from '../money/decimal.js';
import type { Gate, GateVerdict } from './gate.js';
import { getExposure, isRiskReducing } from './max-position-size-gate.js';
import { formatPercentValue } from '../text/format-number.js';

const NAME = 'max_daily_loss';

/**
 * After a bad day reaches the limit, stop adding risk until the next day starts: losses
 * cluster, and chasing them is how small accounts blow up. Exits stay allowed.
 */
export const maxDailyLossGate: Gate = {
  name: NAME,
  check(input): GateVerdict {
    const { account, state } = input;
    const details = {
      equity: state.equity.toFixed(2),
      dayStartEquity: state.dayStartEquity.toFixed(2),
      limitPct: String(account.maxDailyLossPct),
    };
    // Without a positive starting point there is no meaningful percentage; the size gate
    // already refuses new positions when equity is not positive.
    if (state.dayStartEquity.lte(0)) return { gate: NAME, outcome: 'pass', details };
    const changePct = state.equity.minus(state.dayStartEquity).div(state.dayStartEquity).mul(100);
    // Rounded away from zero, so a loss just past the limit never reads as equal to it.
    const withChange = { ...details, changePct: changePct.toDecimalPlaces(2, Decimal.ROUND_UP).toString() };
    if (changePct.gt(-account.maxDailyLossPct) || isRiskReducing(getExposure(input))) {
      return { gate: NAME, outcome: 'pass', details: withChange };
    }
    return {
      gate: NAME,
      outcome: 'block',
      reason: `the account is down ${formatPercentValue(new Decimal(withChange.changePct).abs())} today (limit ${details.limitPct}%)`,
      details: withChange,
    };
  },
};
