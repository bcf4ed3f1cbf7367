import type { Decimal } from '../money/decimal.js';
import type { FilledOrder } from '../ports/history-reader.js';
import type { ProposalSource, Side } from '../proposals/proposal.js';
import { exact } from './exact-decimal.js';

/** Where a trade idea came from; `unknown` when its proposal is no longer on record. */
export type FillSource = ProposalSource | 'unknown';

/** What one order has filled so far. Money in quote currency. */
export interface Fill {
  readonly accountId: string;
  readonly symbol: string;
  readonly side: Side;
  readonly quantity: Decimal;
  /** Average price of the filled quantity. */
  readonly price: Decimal;
  /** Fees in quote currency (the broker adapters convert them; see ccxt-order-mapping.ts). */
  readonly fee: Decimal;
  /** When the fill was last seen: the time a sell closes its trade. */
  readonly at: string;
  /**
   * When the order was placed; FIFO goes by this (then `at`). A buy that keeps filling
   * moves its `at` forward with every partial fill, yet it is still the older lot.
   * Defaults to `at`.
   */
  readonly placedAt?: string;
  readonly proposalId: string;
  readonly source: FillSource;
}

/**
 * The fills behind the P&L, one per order that has filled anything: filled, partially
 * filled (still open), or canceled/expired after a partial fill.
 *
 * Our order records are the reconciled truth: the check_orders job (engine.reconcile)
 * asks each broker about every order not yet final and applies what it says (filled
 * quantity, average price, fees) to the record, so reconciling fills with the brokers is
 * done there and not repeated here. A broker reports an order's fills as a total (filled
 * quantity at an average price), which is what one order's fill is here.
 */
export function buildFills(orders: Iterable<FilledOrder>): Fill[] {
  const fills: Fill[] = [];
  for (const { order, source } of orders) {
    const quantity = exact(order.filledQuantity);
    if (quantity.lte(0) || order.averagePrice === undefined) continue;
    fills.push({
      accountId: order.accountId,
      symbol: order.symbol,
      side: order.side,
      quantity,
      price: exact(order.averagePrice),
      fee: exact(order.fees),
      at: order.updatedAt,
      placedAt: order.createdAt,
      proposalId: order.proposalId,
      source,
    });
  }
  return fills;
}
