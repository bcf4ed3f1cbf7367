import { Decimal, toDecimal } from '../money/decimal.js';
import type { Proposal } from '../proposals/proposal.js';
import type { Gate, GateInput, GateVerdict } from './gate.js';
import { formatMoney, formatPercentValue, quoteCurrencyOf } from '../text/format-number.js';

const NAME = 'max_position_size';

/** Signed market values (negative is short) of the symbol's position now and after the order. */
export interface Exposure {
  readonly current: Decimal;
  readonly resulting: Decimal;
}

/** What the order is worth at `price`: the notional size as given, or quantity × price. */
export function getOrderNotional(proposal: Proposal, price: Decimal): Decimal {
  return proposal.size.kind === 'notional' ? toDecimal(proposal.size.notional) : toDecimal(proposal.size.quantity).mul(price);
}

export function getExposure({ proposal, state, market }: GateInput): Exposure {
  const position = state.positions.find((p) => p.symbol === proposal.symbol);
  const current = position?.marketValue ?? new Decimal(0);
  const order = getOrderNotional(proposal, market.price);
  return { current, resulting: proposal.side === 'buy' ? current.plus(order) : current.minus(order) };
}

/**
 * True when the order only shrinks the position toward zero (selling part of a long,
 * covering a short). Flipping through zero to the other side opens new risk, so it is not.
 */
export function isRiskReducing({ current, resulting }: Exposure): boolean {
  return resulting.abs().lte(current.abs()) && (resulting.isZero() || resulting.isNegative() === current.isNegative());
}

/**
 * Caps one symbol's share of the book, as a percentage of equity and as an absolute
 * amount, so a single bad trade cannot sink the account. Orders that only reduce a
 * position always pass: blocking an exit would add risk, not limit it.
 */
export const maxPositionSizeGate: Gate = {
  name: NAME,
  check(input): GateVerdict {
    const { account, state, proposal } = input;
    const exposure = getExposure(input);
    const positionValue = exposure.resulting.abs();
    const details = {
      positionValue: positionValue.toFixed(2),
      equity: state.equity.toFixed(2),
      limitPct: String(account.maxPositionPct),
      limitNotional: String(account.maxPositionNotional),
    };
    if (isRiskReducing(exposure)) return { gate: NAME, outcome: 'pass', details };
    if (state.equity.lte(0)) {
      return { gate: NAME, outcome: 'block', reason: `equity is ${formatMoney(state.equity)}, so no position fits`, details };
    }
    const positionPct = positionValue.div(state.equity).mul(100);
    // Rounded up, so a value just over the limit never reads as equal to it.
    const withPct = { ...details, positionPct: positionPct.toDecimalPlaces(2, Decimal.ROUND_UP).toString() };
    if (positionPct.gt(account.maxPositionPct)) {
      // Through the one formatter: a near-zero equity once made this `6.8e+27%`.
      const reason = `${proposal.symbol} position would be ${formatPercentValue(withPct.positionPct)} of equity (limit ${details.limitPct}%)`;
      return { gate: NAME, outcome: 'block', reason, details: withPct };
    }
    if (positionValue.gt(account.maxPositionNotional)) {
      const currency = quoteCurrencyOf(proposal.symbol);
      const reason = `${proposal.symbol} position would be worth ${formatMoney(positionValue, currency)} (limit ${formatMoney(account.maxPositionNotional, currency)})`;
      return { gate: NAME, outcome: 'block', reason, details: withPct };
    }
    return { gate: NAME, outcome: 'pass', details: withPct };
  },
};
