import { formatNyseTime } from '../market/nyse-calendar.js';
import { isFinalOrderState, type OrderRecord } from '../orders/order-record.js';
import type { Broker } from '../ports/broker.js';
import { resumeIfIdle } from './execute-approved.js';
import { getProposalOf, saveOrder } from './save-order.js';
import { syncProposalWithOrder } from './sync-proposal.js';
import type { ExecutionDeps } from './execution-deps.js';
import { getOverdueSince, isExpectedChange } from './is-expected-change.js';
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
  for (const stale of open) {
    const runtime = deps.accounts.get(stale.accountId);
    if (runtime === undefined) continue;
    if (stale.state === 'intent' || stale.state === 'unknown') {
      // An `unknown` order is looked up first either way; only a POST waits on the deadline.
      const outcome = await resumeIfIdle(deps, stale.clientOrderId, () => !hasLapsed(deps, stale));
      if (outcome === 'lapsed') lapsed++;
      else if (outcome !== undefined) resumed++;
      continue;
    }
    const check = async () => {
      if (await checkWorkingOrder(deps, runtime.broker, stale.clientOrderId)) changed++;
    };
    // An order being executed right now is that execution's business: skip it this round.
    await (deps.locks === undefined ? check() : deps.locks.tryRun(stale.clientOrderId, check));
  }
  changed += await healLaggingProposals(deps);
  return { checked: open.length, changed, resumed, lapsed };
}

/**
 * One look at a working order. Its normal course (a fill, a partial fill, an expiry, the
 * cancel we asked for) is told quietly on the card; only a change our record cannot
 * explain, or a day order still working well after its close, raises an alert. Resolves
 * with whether the state changed.
 */
async function checkWorkingOrder(deps: ExecutionDeps, broker: Broker, clientOrderId: string): Promise<boolean> {
  // Read again under the lock: execution may have moved it meanwhile.
  const order = deps.store.read().orders[clientOrderId];
  // Gone from the live state: it settled meanwhile and was told then.
  if (order === undefined || isFinalOrderState(order.state)) return false;
  const next = await checkOrderOnce(deps, broker, order);
  if (next.state === order.state) {
    const overdueSince = getOverdueSince(next, deps.clock());
    if (overdueSince !== undefined) {
      const reason = `its day order ended at the close (${formatNyseTime(overdueSince)}), yet the venue still has it ${next.state}; checked again every minute`;
      deps.events.emit({ type: 'order_unresolved', proposal: await getProposalOf(deps, next), order: next, reason });
    }
    return false;
  }
  if (!isExpectedChange(order, next)) deps.events.emit({ type: 'reconcile_mismatch', order: next, was: order.state });
  const type = isFinalOrderState(next.state) ? 'order_finished' : 'order_partially_filled';
  deps.events.emit({ type, proposal: await getProposalOf(deps, next), order: next });
  return true;
}

function hasLapsed(deps: ExecutionDeps, order: OrderRecord): boolean {
  const proposal = deps.store.read().proposals[order.proposalId];
  return proposal === undefined || new Date(proposal.expiresAt).getTime() <= deps.clock().getTime();
}

/**
 * Settled orders whose proposal still lags (written by a build that saved them apart):
 * the proposal is brought in step and the chat told, once.
 */
async function healLaggingProposals(deps: ExecutionDeps): Promise<number> {
  const { orders, proposals } = deps.store.read();
  const lagging = Object.values(orders).filter((order) => {
    const proposal = proposals[order.proposalId];
    return isFinalOrderState(order.state) && proposal !== undefined && syncProposalWithOrder(proposal, order, deps.clock()) !== proposal;
  });
  for (const order of lagging) {
    const saved = await saveOrder(deps, order);
    deps.events.emit({ type: 'order_finished', proposal: saved.proposal, order: saved.order });
  }
  return lagging.length;
}
