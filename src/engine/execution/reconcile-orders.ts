import { isFinalOrderState, type OrderRecord } from '../orders/order-record.js';
import { executeApproved, syncProposal } from './execute-approved.js';
import type { ExecutionDeps } from './execution-deps.js';
import { checkOrderOnce } from './verify-fill.js';

export interface ReconcileReport {
  readonly checked: number;
  readonly changed: number;
  readonly resumed: number;
  readonly lapsed: number;
}

/**
 * Brings every order that is not final to its true state at the venue: on start (after a
 * crash or a deploy) and every minute as the fill check. An approved intent that was
 * never sent is sent now — no approval is lost — unless its proposal expired meanwhile:
 * a person approved a price that old only in the past, so it lapses instead.
 */
export async function reconcileOrders(deps: ExecutionDeps): Promise<ReconcileReport> {
  const open = Object.values(deps.store.read().orders).filter((o) => !isFinalOrderState(o.state));
  let changed = 0;
  let resumed = 0;
  let lapsed = 0;
  for (const order of open) {
    const runtime = deps.accounts.get(order.accountId);
    if (runtime === undefined) continue;
    if (order.state === 'intent' || order.state === 'unknown') {
      if (order.state === 'intent' && hasLapsed(deps, order)) {
        await lapse(deps, order);
        lapsed++;
      } else {
        await executeApproved(deps, order.clientOrderId);
        resumed++;
      }
      continue;
    }
    const next = await checkOrderOnce(deps, runtime.broker, order);
    if (next.state === order.state) continue;
    changed++;
    deps.events.emit({ type: 'reconcile_mismatch', order: next, was: order.state });
    const proposal = await syncProposal(deps, next);
    if (isFinalOrderState(next.state)) deps.events.emit({ type: 'order_finished', proposal, order: next });
  }
  return { checked: open.length, changed, resumed, lapsed };
}

function hasLapsed(deps: ExecutionDeps, order: OrderRecord): boolean {
  const proposal = deps.store.read().proposals[order.proposalId];
  return proposal === undefined || new Date(proposal.expiresAt).getTime() <= deps.clock().getTime();
}

async function lapse(deps: ExecutionDeps, order: OrderRecord): Promise<void> {
  const reason = 'approved, but not sent before the proposal expired (the bot was down); not executed';
  const next: OrderRecord = { ...order, state: 'canceled', reason, updatedAt: deps.clock().toISOString() };
  await deps.store.transact((draft) => {
    draft.orders[order.clientOrderId] = next;
  });
  const proposal = await syncProposal(deps, next);
  deps.events.emit({ type: 'order_finished', proposal, order: next });
}
