import type { Gate, GateVerdict } from './gate.js';
import { getExposure, isRiskReducing } from './max-position-size-gate.js';

const NAME = 'cooldown';
const MINUTE_MS = 60_000;

/**
 * One idea per symbol at a time: a second proposal while an order is still working, or
 * soon after the last approval, is usually the same signal firing again and would
 * double the position. It stops piling in only: a trade that reduces or closes the
 * position always passes, since holding an exit back adds risk instead of limiting it.
 */
export const cooldownGate: Gate = {
  name: NAME,
  check(input): GateVerdict {
    const { proposal, account, state, now } = input;
    const { symbol } = proposal;
    const exposure = getExposure(input);
    const openOrder = state.openOrderSymbols.includes(symbol);
    const base = {
      symbol,
      side: proposal.side,
      positionValue: exposure.current.toFixed(2),
      resultingValue: exposure.resulting.toFixed(2),
      openOrder: String(openOrder),
    };
    if (isRiskReducing(exposure)) return { gate: NAME, outcome: 'pass', details: { ...base, reducesPosition: 'true' } };
    if (openOrder) return { gate: NAME, outcome: 'block', reason: `an order for ${symbol} is still open`, details: base };
    const last = state.lastActivity[symbol];
    if (last === undefined) return { gate: NAME, outcome: 'pass', details: base };
    const endsAt = new Date(Date.parse(last) + account.cooldownMinutes * MINUTE_MS);
    const details = { ...base, lastActivity: last, cooldownMinutes: String(account.cooldownMinutes) };
    // An unparseable timestamp (NaN) means no usable record of activity, so it does not block.
    if (Number.isNaN(endsAt.getTime()) || now >= endsAt) return { gate: NAME, outcome: 'pass', details };
    const minutesAgo = Math.max(0, Math.floor((now.getTime() - Date.parse(last)) / MINUTE_MS));
    return {
      gate: NAME,
      outcome: 'block',
      reason: `${symbol} was approved ${minutesAgo} min ago (cooldown ${account.cooldownMinutes} min)`,
      details: { ...details, endsAt: endsAt.toISOString() },
    };
  },
};
