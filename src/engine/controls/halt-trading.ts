import type { AccountRuntime, ExecutionDeps } from '../execution/execution-deps.js';
import { applyBrokerOrder } from '../execution/apply-broker-order.js';
import { saveOrder } from '../execution/save-order.js';
import { isFinalOrderState, type OrderRecord } from '../orders/order-record.js';
import type { Decider } from '../approvals/decide-proposal.js';
import { changeBy } from './trading-controls.js';

/** What the card and the reply under it say about an order the kill switch canceled. */
export const HALT_CANCEL_REASON = 'by the kill switch';

export interface HaltReport {
  readonly canceled: number;
  readonly failures: string[];
}

/**
 * The kill switch: persisted first with who pulled it and when (so every approval is
 * refused from this moment, also after a restart, and /status can say who), together with a note on every order at a venue that we are about to
 * cancel it; then every open order at every venue is canceled, and what each venue now
 * says of our orders is recorded in the same flow, so /orders and /status stop showing
 * them open and the minute check finds nothing to be surprised by. A venue that cannot
 * be reached is reported, not hidden.
 */
export async function haltTrading(deps: ExecutionDeps, by: Decider): Promise<HaltReport> {
  const at = deps.clock().toISOString();
  await deps.store.transact((draft) => {
    draft.controls = { ...draft.controls, halted: true, haltedBy: changeBy(by, deps) };
    for (const order of Object.values(draft.orders)) {
      if (isAtVenue(order) && order.cancelRequestedAt === undefined) draft.orders[order.clientOrderId] = { ...order, cancelRequestedAt: at };
    }
  });
  let canceled = 0;
  const failures: string[] = [];
  for (const runtime of deps.accounts.values()) {
    try {
      canceled += await runtime.broker.cancelAllOpenOrders();
    } catch (error) {
      failures.push(`${runtime.profile.id}: ${error instanceof Error ? error.message : String(error)}`);
      continue;
    }
    await recordCancels(deps, runtime);
  }
  deps.events.emit({ type: 'trading_control', action: 'halted', by: by.id, byName: by.name, canceledOrders: canceled, failures });
  return { canceled, failures };
}

/** Sent and not final: the venue may hold it (`unknown` is a POST whose answer was lost). */
function isAtVenue(order: OrderRecord): boolean {
  return order.state === 'open' || order.state === 'partially_filled' || order.state === 'unknown';
}

/**
 * Looks up each of the account's orders at the venue and stores what it says, under the
 * order's lock (an execution still polling it finishes first, and usually records the
 * cancel itself). A lookup that fails leaves the record to the minute check, which knows
 * from `cancelRequestedAt` that the cancel was ours.
 */
async function recordCancels(deps: ExecutionDeps, runtime: AccountRuntime): Promise<void> {
  const ours = Object.values(deps.store.read().orders).filter((o) => o.accountId === runtime.profile.id && isAtVenue(o));
  for (const { clientOrderId } of ours) {
    const work = () => recordOne(deps, runtime, clientOrderId);
    await (deps.locks === undefined ? work() : deps.locks.run(clientOrderId, work));
  }
}

async function recordOne(deps: ExecutionDeps, runtime: AccountRuntime, clientOrderId: string): Promise<void> {
  const order = deps.store.read().orders[clientOrderId];
  if (order === undefined || isFinalOrderState(order.state)) return;
  const found = await runtime.broker.getOrderByClientId(clientOrderId, order.symbol).catch(() => undefined);
  if (found === undefined) return;
  const next = applyBrokerOrder(order, found, deps.clock());
  if (next.state === order.state) return;
  const saved = await saveOrder(deps, next.state === 'canceled' ? { ...next, reason: HALT_CANCEL_REASON } : next);
  if (isFinalOrderState(saved.order.state)) deps.events.emit({ type: 'order_finished', proposal: saved.proposal, order: saved.order });
}
