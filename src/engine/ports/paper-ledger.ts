import type { DecimalString } from '../money/decimal.js';
import type { OrderType, Side } from '../proposals/proposal.js';

/**
 * Paper orders are `open` while a limit rests, then `filled` or `canceled`. A refused
 * order is never stored: OrderRejectedError promises the venue has no such order.
 */
export type PaperOrderStatus = 'open' | 'filled' | 'canceled';

/** One paper order as persisted; every amount is a decimal string (DESIGN principle 5). */
export interface PaperOrder {
  venueOrderId: string;
  clientOrderId: string;
  symbol: string;
  side: Side;
  type: OrderType;
  status: PaperOrderStatus;
  /** Resolved at submit time, also for notional orders, so a fill never re-derives it. */
  quantity: DecimalString;
  notional?: DecimalString;
  limitPrice?: DecimalString;
  filledQuantity: DecimalString;
  averagePrice?: DecimalString;
  /** In quote currency. */
  fees: DecimalString;
  /** Sells only: (fill − average entry) × quantity − fees. */
  realizedPnl?: DecimalString;
  reason?: string;
  createdAt: string;
  updatedAt: string;
}

export interface PaperPosition {
  /** Never negative: paper accounts cannot short. */
  quantity: DecimalString;
  /** Weighted average of the buy fills, fees excluded (as brokers report it). */
  averagePrice: DecimalString;
}

/** Everything a paper account owns, saved whole after every change. */
export interface PaperLedger {
  cash: DecimalString;
  positions: Record<string, PaperPosition>;
  /** Open orders, and final ones until they move to the history; by client order id. */
  orders: Record<string, PaperOrder>;
  /** Orders ever placed: numbers the venue ids. */
  orderSequence?: number;
  /** Equity at the first look of the UTC day, for the daily-loss gate. */
  dayStart?: { day: string; equity: DecimalString };
}

/**
 * Where the paper broker keeps its ledger. `load` hands out a copy; `save` resolves only
 * once the ledger is durable, so an acknowledged fill survives a crash. Filled and
 * canceled orders move out of the ledger to the history after a save; `findOrder` finds
 * them wherever they are.
 */
export interface PaperLedgerPort {
  load(accountId: string): PaperLedger | undefined;
  save(accountId: string, ledger: PaperLedger): Promise<void>;
  /** An order that already left the ledger, by client order id. */
  findSettledOrder(accountId: string, clientOrderId: string): Promise<PaperOrder | undefined>;
}
