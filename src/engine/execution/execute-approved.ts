import type { OrderRecord } from '../orders/order-record.js';
import type { Proposal } from '../proposals/proposal.js';
import type { ExecutionDeps } from './execution-deps.js';
import { submitOrder } from './submit-order.js';
import { syncProposalWithOrder } from './sync-proposal.js';
import { verifyFill } from './verify-fill.js';

/**
 * After an approval: submit the stored intent exactly once, verify the fill, keep the
 * proposal in step with the order, and tell the chat each step. Runs in the background.
 */
export async function executeApproved(deps: ExecutionDeps, clientOrderId: string): Promise<void> {
  const intent = deps.store.read().orders[clientOrderId];
  const runtime = intent === undefined ? undefined : deps.accounts.get(intent.accountId);
  if (intent === undefined || runtime === undefined) throw new Error(`cannot execute ${clientOrderId}: unknown order or account`);

  const submitted = await submitOrder(deps, runtime.broker, clientOrderId);
  const proposal = await syncProposal(deps, submitted.order);
  if (submitted.kind === 'unresolved') {
    deps.events.emit({ type: 'order_unresolved', proposal, order: submitted.order, reason: submitted.reason });
    return;
  }
  if (submitted.kind === 'rejected') {
    deps.events.emit({ type: 'order_finished', proposal, order: submitted.order });
    return;
  }
  deps.events.emit({ type: 'order_submitted', proposal, order: submitted.order });

  const check = await verifyFill(deps, runtime.broker, clientOrderId, runtime.profile.fillTimeoutSeconds * 1000);
  const latest = await syncProposal(deps, check.order);
  if (check.kind === 'final') deps.events.emit({ type: 'order_finished', proposal: latest, order: check.order });
  else {
    deps.events.emit({
      type: 'order_unresolved',
      proposal: latest,
      order: check.order,
      reason: `not final after ${runtime.profile.fillTimeoutSeconds} s; still ${check.order.state} at the venue, checked again every minute`,
    });
  }
}

/** Applies the order's state to its proposal in one transaction; returns the proposal. */
export function syncProposal(deps: ExecutionDeps, order: OrderRecord): Promise<Proposal> {
  return deps.store.transact((draft) => {
    const current = draft.proposals[order.proposalId];
    if (current === undefined) throw new Error(`order ${order.clientOrderId} has no proposal`);
    const next = syncProposalWithOrder(current, order, deps.clock());
    draft.proposals[next.id] = next;
    return next;
  });
}
