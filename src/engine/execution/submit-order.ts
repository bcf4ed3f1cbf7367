import type { Broker, BrokerOrder, OrderRequest } from '../ports/broker.js';
import { OrderRejectedError } from '../venues/broker-errors.js';
import { toDecimal } from '../money/decimal.js';
import type { OrderRecord } from '../orders/order-record.js';
import { applyBrokerOrder } from './apply-broker-order.js';
import type { ExecutionDeps } from './execution-deps.js';
import { saveOrder } from './save-order.js';
import { VenueRateLimitedError } from '../../errors.js';

const MAX_POSTS = 3;
/**
 * A request sent just before a crash can reach the venue after the restarted bot looked
 * for it. An order that was sent and whose approval has lapsed is therefore watched this
 * long (looked up again, never resent) before it is given up.
 */
const LATE_ARRIVAL_WATCH_MS = 5 * 60_000;
const LOOKUP_DELAYS_MS = [1_000, 2_000, 4_000];

/** What became of a submission; failures to reach the venue are a value here, not a throw. */
export type SubmitOutcome =
  | { readonly kind: 'accepted'; readonly order: OrderRecord }
  | { readonly kind: 'rejected'; readonly order: OrderRecord }
  /** Sent, and the venue could not tell us whether it has it: reconciliation takes over. */
  | { readonly kind: 'unresolved'; readonly order: OrderRecord; readonly reason: string }
  /** Certainly not at the venue, and no longer allowed to go there (see `mayPost`). */
  | { readonly kind: 'lapsed'; readonly order: OrderRecord };

/**
 * Sends a stored order intent to its venue exactly once (DESIGN principle 4):
 * - the record is marked `unknown` (sent, answer pending) before every POST, so a crash
 *   mid-request restarts with a lookup, never a blind resend;
 * - a POST is repeated only after a lookup by client order id proved the venue has no
 *   such order, and always with the same client order id, so even a late first request
 *   is refused by the venue as a duplicate.
 */
export async function submitOrder(deps: ExecutionDeps, broker: Broker, clientOrderId: string, mayPost: () => boolean = () => true): Promise<SubmitOutcome> {
  let record = getRecord(deps, clientOrderId);
  if (record.state === 'unknown') {
    const found = await lookUp(deps, broker, record);
    if (found.kind === 'found') return { kind: 'accepted', order: await save(deps, applyBrokerOrder(record, found.order, deps.clock())) };
    if (found.kind === 'unreachable') return { kind: 'unresolved', order: record, reason: found.reason };
  } else if (record.state !== 'intent') {
    return { kind: record.state === 'rejected' ? 'rejected' : 'accepted', order: record };
  }

  for (let post = 0; post < MAX_POSTS; post++) {
    // Asked before every POST: an approval may lapse while we retry or while we were down.
    if (!mayPost()) return lapseOrWatch(deps, record);
    record = await save(deps, { ...record, state: 'unknown', submitAttempts: record.submitAttempts + 1, updatedAt: deps.clock().toISOString() });
    const sent = await postOnce(deps, broker, record);
    if (sent.kind !== 'in_doubt') return sent;
    const found = await lookUp(deps, broker, record);
    if (found.kind === 'found') return { kind: 'accepted', order: await save(deps, applyBrokerOrder(record, found.order, deps.clock())) };
    if (found.kind === 'unreachable') return { kind: 'unresolved', order: record, reason: found.reason };
    // Certainly absent: the only case in which sending again is safe.
  }
  return { kind: 'unresolved', order: record, reason: `the venue did not take the order after ${MAX_POSTS} attempts` };
}

async function lapseOrWatch(deps: ExecutionDeps, record: OrderRecord): Promise<SubmitOutcome> {
  if (record.submitAttempts === 0) return { kind: 'lapsed', order: record };
  const now = deps.clock();
  const firstSeen = record.lapseCheckedAt ?? now.toISOString();
  if (now.getTime() - new Date(firstSeen).getTime() >= LATE_ARRIVAL_WATCH_MS) return { kind: 'lapsed', order: record };
  const watched = await save(deps, { ...record, lapseCheckedAt: firstSeen, updatedAt: now.toISOString() });
  return { kind: 'unresolved', order: watched, reason: 'sent before the bot stopped and not at the venue; watched a few minutes for a late arrival, never resent' };
}

type PostResult = SubmitOutcome | { readonly kind: 'in_doubt' };

async function postOnce(deps: ExecutionDeps, broker: Broker, record: OrderRecord): Promise<PostResult> {
  try {
    const order = await broker.submitOrder(toRequest(record));
    return { kind: 'accepted', order: await save(deps, applyBrokerOrder(record, order, deps.clock())) };
  } catch (error) {
    if (error instanceof OrderRejectedError) {
      return { kind: 'rejected', order: await save(deps, { ...record, state: 'rejected', reason: error.reason, updatedAt: deps.clock().toISOString() }) };
    }
    // Refused before processing: wait as told; the lookup that follows confirms absence.
    if (error instanceof VenueRateLimitedError) await deps.sleep(error.retryAfterMs);
    // A duplicate id, a timeout, a 5xx, a network failure: the venue may have the order,
    // and only a lookup can say.
    return { kind: 'in_doubt' };
  }
}

type LookupResult = { kind: 'found'; order: BrokerOrder } | { kind: 'absent' } | { kind: 'unreachable'; reason: string };

/** Asks the venue for the order by client id, retrying with backoff while it cannot answer. */
async function lookUp(deps: ExecutionDeps, broker: Broker, record: OrderRecord): Promise<LookupResult> {
  let lastError = '';
  for (const delay of [0, ...LOOKUP_DELAYS_MS]) {
    if (delay > 0) await deps.sleep(delay);
    try {
      const order = await broker.getOrderByClientId(record.clientOrderId, record.symbol);
      return order === undefined ? { kind: 'absent' } : { kind: 'found', order };
    } catch (error) {
      lastError = error instanceof Error ? error.message : String(error);
    }
  }
  return { kind: 'unreachable', reason: `could not confirm the order at ${record.venue}: ${lastError}` };
}

function toRequest(record: OrderRecord): OrderRequest {
  return {
    clientOrderId: record.clientOrderId,
    symbol: record.symbol,
    side: record.side,
    type: record.type,
    ...(record.timeInForce === undefined ? {} : { timeInForce: record.timeInForce }),
    ...(record.quantity === undefined ? {} : { quantity: toDecimal(record.quantity) }),
    ...(record.notional === undefined ? {} : { notional: toDecimal(record.notional) }),
    ...(record.limitPrice === undefined ? {} : { limitPrice: toDecimal(record.limitPrice) }),
  };
}

function getRecord(deps: ExecutionDeps, clientOrderId: string): OrderRecord {
  const record = deps.store.read().orders[clientOrderId];
  if (record === undefined) throw new Error(`no stored order ${clientOrderId}`);
  return record;
}

async function save(deps: ExecutionDeps, record: OrderRecord): Promise<OrderRecord> {
  return (await saveOrder(deps, record)).order;
}
