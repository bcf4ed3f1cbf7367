import type { Gate, GateVerdict } from './gate.js';

const NAME = 'max_open_positions';

/**
 * Limits how many symbols the book holds at once, so attention and risk stay spread
 * over a manageable few. Only a buy into a symbol not yet held opens a new one.
 */
export const maxOpenPositionsGate: Gate = {
  name: NAME,
  check({ proposal, account, state }): GateVerdict {
    const open = state.positions.filter((p) => !p.quantity.isZero());
    const opensNew = proposal.side === 'buy' && !open.some((p) => p.symbol === proposal.symbol);
    const details = { openPositions: String(open.length), limit: String(account.maxOpenPositions), opensNew: String(opensNew) };
    if (!opensNew || open.length < account.maxOpenPositions) return { gate: NAME, outcome: 'pass', details };
    return {
      gate: NAME,
      outcome: 'block',
      reason: `${open.length} positions are open (limit ${account.maxOpenPositions}); ${proposal.symbol} would be a new one`,
      details,
    };
  },
};
