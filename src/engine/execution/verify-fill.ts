import type { Broker } from '../ports/broker.js';
import { isFinalOrderState, type OrderRecord } from '../orders/order-record.js';
import { applyBrokerOrder } from './apply-broker-order.js';
import type { ExecutionDeps } from './execution-deps.js';
import { saveOrder } from './save-order.js';

const POLL_MS = 1_000;

/** How fill verification ended: a status value, never an exception (principle 2). */
export type FillCheck =
  | { readonly kind: 'final'; readonly order: OrderRecord }
  /** Still open (maybe partly filled) at the deadline; the fill check job keeps watching. */
  | { readonly kind: 'timeout'; readonly order: OrderRecord };

/**
 * Polls the venue until the order is final or `timeoutMs` has passed. `order` is the
 * record as the caller last saved it: a final one may already have left the live state.
 */
export async function verifyFill(deps: ExecutionDeps, broker: Broker, order: OrderRecord, timeoutMs: number): Promise<FillCheck> {
  const deadline = deps.clock().getTime() + timeoutMs;
  for (;;) {
    // Looked up at least once, even when the submit answer said filled: the venue's own
    // record of the order is what a fill is verified against.
    order = await checkOrderOnce(deps, broker, order);
    if (isFinalOrderState(order.state)) return { kind: 'final', order };
    if (deps.clock().getTime() >= deadline) return { kind: 'timeout', order };
    await deps.sleep(POLL_MS);
  }
}

/**
 * One look at the venue. A failed look changes nothing: the record keeps what we knew,
 * and the next poll (or the fill check job) tries again.
 */
export async function checkOrderOnce(deps: ExecutionDeps, broker: Broker, order: OrderRecord): Promise<OrderRecord> {
  try {
    const found = await broker.getOrderByClientId(order.clientOrderId, order.symbol);
    if (found === undefined) return order;
    return (await saveOrder(deps, applyBrokerOrder(order, found, deps.clock()))).order;
  } catch {
    return order;
  }
}
