import type { Decimal } from '../money/decimal.js';
import type { ClosedTrade } from './compute-lots.js';
import { ZERO } from './exact-decimal.js';

/** What sells realized for one proposal, FIFO, fees included. */
export interface ProposalRealized {
  /** For a buy: how much of what it bought has been sold. For a sell: how much it closed. */
  readonly quantity: Decimal;
  readonly realized: Decimal;
}

/**
 * Realized P&L per proposal: a buy is credited with what selling its own lots realized
 * (whichever sell closed them), a sell with the trades it closed. A buy never closes and
 * a sell never opens a lot, so one proposal id is never counted both ways.
 */
export function realizedByProposal(trades: readonly ClosedTrade[]): ReadonlyMap<string, ProposalRealized> {
  const result = new Map<string, ProposalRealized>();
  const add = (id: string, quantity: Decimal, realized: Decimal) => {
    const before = result.get(id) ?? { quantity: ZERO, realized: ZERO };
    result.set(id, { quantity: before.quantity.plus(quantity), realized: before.realized.plus(realized) });
  };
  for (const trade of trades) {
    add(trade.proposalId, trade.quantity, trade.realized);
    for (const part of trade.opened) add(part.proposalId, part.quantity, part.realized);
  }
  return result;
}
