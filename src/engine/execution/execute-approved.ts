import { isFinalOrderState } from '../orders/order-record.js';
import type { ExecutionDeps } from './execution-deps.js';
import { submitOrder, type SubmitOutcome } from './submit-order.js';
import { findOrder, getProposalOf, saveOrder } from './save-order.js';
import { verifyFill } from './verify-fill.js';

/**
 * After an approval: submit the stored intent exactly once, verify the fill, keep the
 * proposal in step with the order, and tell the chat each step. Runs in the background,
 * holding the order's lock so the periodic check never works on it at the same time.
 */
export function executeApproved(deps: ExecutionDeps, clientOrderId: string, mayPost: () => boolean = () => true): Promise<SubmitOutcome['kind']> {
  const work = () => execute(deps, clientOrderId, mayPost);
  return deps.locks === undefined ? work() : deps.locks.run(clientOrderId, work);
}

/** The same, unless someone is already working on the order: then undefined, nothing done. */
export function resumeIfIdle(deps: ExecutionDeps, clientOrderId: string, mayPost: () => boolean): Promise<SubmitOutcome['kind'] | undefined> {
  const work = () => execute(deps, clientOrderId, mayPost);
  return deps.locks === undefined ? work() : deps.locks.tryRun(clientOrderId, work);
}

async function execute(deps: ExecutionDeps, clientOrderId: string, mayPost: () => boolean): Promise<SubmitOutcome['kind']> {
  const intent = await findOrder(deps, clientOrderId);
  const runtime = intent === undefined ? undefined : deps.accounts.get(intent.accountId);
  if (intent === undefined || runtime === undefined) throw new Error(`cannot execute ${clientOrderId}: unknown order or account`);
  // Settled while we waited for the lock: already told, nothing left to do.
  if (isFinalOrderState(intent.state)) return intent.state === 'rejected' ? 'rejected' : 'accepted';

  const submitted = await submitOrder(deps, runtime.broker, clientOrderId, mayPost);
  if (submitted.kind === 'lapsed') {
    const { order, proposal } = await saveOrder(deps, { ...submitted.order, state: 'canceled', reason: LAPSE_REASON, updatedAt: deps.clock().toISOString() });
    deps.events.emit({ type: 'order_finished', proposal, order });
    return submitted.kind;
  }
  const proposal = await getProposalOf(deps, submitted.order);
  if (submitted.kind === 'unresolved') {
    deps.events.emit({ type: 'order_unresolved', proposal, order: submitted.order, reason: submitted.reason });
    return submitted.kind;
  }
  if (submitted.kind === 'rejected') {
    deps.events.emit({ type: 'order_finished', proposal, order: submitted.order });
    return submitted.kind;
  }
  deps.events.emit({ type: 'order_submitted', proposal, order: submitted.order });

  const check = await verifyFill(deps, runtime.broker, submitted.order, runtime.profile.fillTimeoutSeconds * 1000);
  const latest = await getProposalOf(deps, check.order);
  if (check.kind === 'final') deps.events.emit({ type: 'order_finished', proposal: latest, order: check.order });
  else if (check.order.type === 'limit') {
    // A limit away from the market rests, as it should: the minute check watches it
    // quietly until it fills, is canceled or its time in force ends. The card says so.
    if (check.order.state === 'partially_filled') deps.events.emit({ type: 'order_partially_filled', proposal: latest, order: check.order });
  } else {
    deps.events.emit({
      type: 'order_unresolved',
      proposal: latest,
      order: check.order,
      reason: `a market order not filled after ${runtime.profile.fillTimeoutSeconds} s; still ${check.order.state} at the venue, checked again every minute`,
    });
  }
  return submitted.kind;
}

const LAPSE_REASON = 'approved, but not sent before the proposal expired (the bot was down); not executed';
