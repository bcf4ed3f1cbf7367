import type { DecimalString } from '../money/decimal.js';
import type { Venue } from '../accounts/venue.js';
import type { OrderType, Side, TimeInForce } from '../proposals/proposal.js';

/**
 * What we know of one order, stored before any network call (DESIGN principle 4):
 * - `intent`: stored, not yet sent (or a crash came before the answer);
 * - `unknown`: sent, and the answer was lost (timeout, 5xx): look it up before anything;
 * - then the venue's own states.
 */
export const ORDER_STATES = ['intent', 'unknown', 'open', 'partially_filled', 'filled', 'canceled', 'rejected', 'expired'] as const;
export type OrderState = (typeof ORDER_STATES)[number];

export interface OrderRecord {
  readonly clientOrderId: string;
  readonly proposalId: string;
  readonly accountId: string;
  readonly venue: Venue;
  readonly symbol: string;
  readonly side: Side;
  readonly type: OrderType;
  /** Absent on orders stored before it existed: those went out as gtc (crypto) or day (stocks). */
  readonly timeInForce?: TimeInForce;
  readonly quantity?: DecimalString;
  readonly notional?: DecimalString;
  readonly limitPrice?: DecimalString;
  readonly state: OrderState;
  readonly venueOrderId?: string;
  readonly filledQuantity: DecimalString;
  readonly averagePrice?: DecimalString;
  readonly fees: DecimalString;
  /** How many times a POST went out: more than one only after a lookup proved absence. */
  readonly submitAttempts: number;
  readonly reason?: string;
  /** When we asked the venue to cancel it (/halt): a cancel found later is then no surprise. */
  readonly cancelRequestedAt?: string;
  /** When a sent order whose approval lapsed was first found absent (see submit-order.ts). */
  readonly lapseCheckedAt?: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export function isFinalOrderState(state: OrderState): boolean {
  return state === 'filled' || state === 'canceled' || state === 'rejected' || state === 'expired';
}
