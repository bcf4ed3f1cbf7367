import type { Gate, GateVerdict } from './gate.js';

const NAME = 'cooldown';
const MINUTE_MS = 60_000;

/**
 * One idea per symbol at a time: a second proposal while an order is still working, or
 * soon after the last approval, is usually the same signal firing again and would
 * double the position.
 */
export const cooldownGate: Gate = {
  name: NAME,
  check({ proposal, account, state, now }): GateVerdict {
    const { symbol } = proposal;
    if (state.openOrderSymbols.includes(symbol)) {
      return { gate: NAME, outcome: 'block', reason: `an order for ${symbol} is still open`, details: { symbol } };
    }
    const last = state.lastActivity[symbol];
    if (last === undefined) return { gate: NAME, outcome: 'pass', details: { symbol } };
    const endsAt = new Date(Date.parse(last) + account.cooldownMinutes * MINUTE_MS);
    const details = { symbol, lastActivity: last, cooldownMinutes: String(account.cooldownMinutes) };
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
