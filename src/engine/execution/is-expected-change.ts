import { nextNyseClose } from '../market/nyse-calendar.js';
import { toDecimal } from '../money/decimal.js';
import type { OrderRecord } from '../orders/order-record.js';

/** How long past a day order's close the venue may take to expire it before we say so. */
const DAY_END_GRACE_MS = 15 * 60_000;

/**
 * Whether a change the venue reports is the order's normal course rather than the venue
 * and our record disagreeing: fills arrive (open → partially filled → filled), a time in
 * force runs out (expired), a cancel we asked for lands (canceled after /halt). Anything
 * else — canceled or rejected by someone else, back to open after a fill, a fill that
 * shrank — is a disagreement worth a HIGH alert.
 */
export function isExpectedChange(before: OrderRecord, after: OrderRecord): boolean {
  if (toDecimal(after.filledQuantity).lt(before.filledQuantity)) return false;
  switch (after.state) {
    case 'partially_filled':
    case 'filled':
    case 'expired':
      return true;
    case 'canceled':
      return before.cancelRequestedAt !== undefined;
    default:
      return false;
  }
}

/**
 * When a day order should have expired at the venue, if it is still working after that
 * (plus a grace for the venue's own sweep): the venue and our record then disagree.
 * Good-till-canceled orders are never overdue.
 */
export function getOverdueSince(order: OrderRecord, now: Date): Date | undefined {
  if (order.timeInForce !== 'day' || (order.state !== 'open' && order.state !== 'partially_filled')) return undefined;
  const end = nextNyseClose(new Date(order.createdAt));
  return now.getTime() > end.getTime() + DAY_END_GRACE_MS ? end : undefined;
}
