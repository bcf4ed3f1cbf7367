import { CountersignError } from '../../errors.js';
import { isFinalOrderState, type OrderRecord } from '../orders/order-record.js';
import { noteFill } from '../positions/symbol-activity.js';
import type { Proposal } from '../proposals/proposal.js';
import type { ExecutionDeps } from './execution-deps.js';
import { syncProposalWithOrder } from './sync-proposal.js';

/**
 * The order is no longer live: it settled and moved to the history. Only a worker holding
 * a stale copy gets here; the settled record stands.
 */
export class OrderNotLiveError extends CountersignError {
  readonly code = 'order_not_live';
  constructor(readonly clientOrderId: string) {
    super(`order ${clientOrderId} is settled; a stale copy was not saved`);
  }
}

/**
 * Stores what we know of an order and brings its proposal in step in the same
 * transaction: a crash can never leave a filled order under a proposal that still says
 * "approved".
 */
export function saveOrder(deps: Pick<ExecutionDeps, 'store' | 'clock'>, order: OrderRecord): Promise<{ order: OrderRecord; proposal: Proposal }> {
  return deps.store.transact((draft) => {
    const stored = draft.orders[order.clientOrderId];
    if (stored === undefined) throw new OrderNotLiveError(order.clientOrderId);
    // Final is final: a stale copy written late must never reopen or rewrite a settled order.
    if (isFinalOrderState(stored.state) && stored !== order) order = stored;
    // A cancel we asked for (/halt) stays asked for, whichever older copy is saved after it.
    if (order.cancelRequestedAt === undefined && stored.cancelRequestedAt !== undefined) order = { ...order, cancelRequestedAt: stored.cancelRequestedAt };
    draft.orders[order.clientOrderId] = order;
    const current = draft.proposals[order.proposalId];
    if (current === undefined) throw new Error(`order ${order.clientOrderId} has no proposal`);
    const proposal = syncProposalWithOrder(current, order, deps.clock());
    if (proposal.state === 'filled' && current.state !== 'filled') noteFill(draft, proposal);
    draft.proposals[proposal.id] = proposal;
    return { order, proposal };
  });
}

/** The proposal behind an order: live, or settled in the history. */
export async function getProposalOf(deps: Pick<ExecutionDeps, 'store' | 'history'>, order: OrderRecord): Promise<Proposal> {
  const proposal = deps.store.read().proposals[order.proposalId] ?? (await deps.history.getProposal(order.proposalId));
  if (proposal === undefined) throw new Error(`order ${order.clientOrderId} has no proposal`);
  return proposal;
}

/** An order by client order id: live, or settled in the history. */
export async function findOrder(deps: Pick<ExecutionDeps, 'store' | 'history'>, clientOrderId: string): Promise<OrderRecord | undefined> {
  return deps.store.read().orders[clientOrderId] ?? (await deps.history.getOrder(clientOrderId));
}
