import type { OrderRecord } from '../orders/order-record.js';
import type { Proposal, ProposalSource } from '../proposals/proposal.js';

/** What statistics read of a settled proposal; a whole Proposal fits it too. */
export type ProposalSummary = Pick<Proposal, 'id' | 'accountId' | 'symbol' | 'side' | 'source' | 'confidence' | 'createdAt' | 'expiresAt' | 'state' | 'decision'>;

/** A settled order that filled something, with where its idea came from. */
export interface FilledOrder {
  readonly order: OrderRecord;
  readonly source: ProposalSource | 'unknown';
}

/**
 * Settled proposals and final orders: append-only, read by id or by window. Windowed
 * reads serve statistics and P&L; nothing per update or per scanned symbol reads here.
 */
export interface HistoryReader {
  getProposal(id: string): Promise<Proposal | undefined>;
  getOrder(clientOrderId: string): Promise<OrderRecord | undefined>;
  /** The newest settled orders, newest first. */
  recentOrders(limit: number): Promise<readonly OrderRecord[]>;
  /** Settled proposals created at or after `since`. */
  proposalsSince(since: Date): Promise<readonly ProposalSummary[]>;
  /**
   * Every settled order that filled anything, in the order they settled. The same array
   * grows as orders settle (it is never reordered), so a caller can apply only what is new.
   */
  filledOrders(): Promise<readonly FilledOrder[]>;
}
