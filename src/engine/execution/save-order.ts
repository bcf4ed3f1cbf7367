import { isFinalOrderState, type OrderRecord } from '../orders/order-record.js';
import type { Proposal } from '../proposals/proposal.js';
import type { ExecutionDeps } from './execution-deps.js';
import { syncProposalWithOrder } from './sync-proposal.js';

/**
 * Stores what we know of an order and brings its proposal in step in the same
 * transaction: a crash can never leave a filled order under a proposal that still says
 * "approved".
 */
export function saveOrder(deps: Pick<ExecutionDeps, 'store' | 'clock'>, order: OrderRecord): Promise<{ order: OrderRecord; proposal: Proposal }> {
  return deps.store.transact((draft) => {
    const stored = draft.orders[order.clientOrderId];
    // Final is final: a stale copy written late must never reopen or rewrite a settled order.
    if (stored !== undefined && isFinalOrderState(stored.state) && stored !== order) order = stored;
    draft.orders[order.clientOrderId] = order;
    const current = draft.proposals[order.proposalId];
    if (current === undefined) throw new Error(`order ${order.clientOrderId} has no proposal`);
    const proposal = syncProposalWithOrder(current, order, deps.clock());
    draft.proposals[proposal.id] = proposal;
    return { order, proposal };
  });
}

export function getProposalOf(deps: Pick<ExecutionDeps, 'store'>, order: OrderRecord): Proposal {
  const proposal = deps.store.read().proposals[order.proposalId];
  if (proposal === undefined) throw new Error(`order ${order.clientOrderId} has no proposal`);
  return proposal;
}
