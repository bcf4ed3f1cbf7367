import type { Broker, BrokerOrder, BrokerOrderStatus, MarketRules, OrderRequest } from '../../../src/engine/ports/broker.js';
import { DuplicateClientOrderIdError, OrderRejectedError } from '../../../src/engine/venues/broker-errors.js';
import { Decimal } from '../../../src/engine/money/decimal.js';
import { VenueRateLimitedError, VenueUnavailableError } from '../../../src/errors.js';

/** One scripted answer to a POST; it may record the order at the venue, throw, or both. */
export type SubmitStep = (request: OrderRequest, venue: FakeBroker) => BrokerOrder;
/** One scripted answer to a lookup by client order id. */
export type LookupStep = (clientOrderId: string, venue: FakeBroker) => BrokerOrder | undefined;

/**
 * A venue in memory: it remembers the orders it took (`held`), records every POST and
 * lookup, and answers from scripts; with a script used up, a POST is accepted as open and
 * a lookup reports what the venue holds.
 */
export interface FakeBroker extends Broker {
  readonly posts: OrderRequest[];
  readonly lookups: string[];
  readonly held: Map<string, BrokerOrder>;
  readonly submitSteps: SubmitStep[];
  readonly lookupSteps: LookupStep[];
  /** Runs inside submitOrder before any answer: to look at the store mid-request. */
  beforeSubmit?: (request: OrderRequest) => void;
}

export const FAKE_RULES: MarketRules = {
  quantityIncrement: new Decimal('0.001'),
  priceIncrement: new Decimal('0.01'),
  minQuantity: new Decimal('0.001'),
};

export function createFakeBroker(): FakeBroker {
  const broker: FakeBroker = {
    venue: 'paper',
    posts: [],
    lookups: [],
    held: new Map(),
    submitSteps: [],
    lookupSteps: [],
    async submitOrder(request) {
      broker.posts.push(request);
      broker.beforeSubmit?.(request);
      return (broker.submitSteps.shift() ?? accept())(request, broker);
    },
    async getOrderByClientId(clientOrderId) {
      broker.lookups.push(clientOrderId);
      return (broker.lookupSteps.shift() ?? fromVenue())(clientOrderId, broker);
    },
    async cancelOrder(order) {
      const held = broker.held.get(order.clientOrderId);
      if (held?.status === 'open') broker.held.set(order.clientOrderId, { ...held, status: 'canceled' });
    },
    async cancelAllOpenOrders() {
      const open = [...broker.held.values()].filter((o) => o.status === 'open' || o.status === 'partially_filled');
      for (const order of open) broker.held.set(order.clientOrderId, { ...order, status: 'canceled' });
      return open.length;
    },
    getPositions: async () => [],
    getAccount: async () => ({ equity: new Decimal(100_000), cash: new Decimal(100_000) }),
    getMarketRules: async () => FAKE_RULES,
  };
  return broker;
}

/** The venue's view of an order, in the shape its adapter would report. */
export function venueOrder(request: Pick<OrderRequest, 'clientOrderId' | 'symbol' | 'side'>, status: BrokerOrderStatus, fill?: { quantity: string; price: string; fees?: string }): BrokerOrder {
  return {
    venueOrderId: `v-${request.clientOrderId}`,
    clientOrderId: request.clientOrderId,
    symbol: request.symbol,
    side: request.side,
    status,
    filledQuantity: new Decimal(fill?.quantity ?? 0),
    ...(fill === undefined ? {} : { averagePrice: new Decimal(fill.price) }),
    fees: new Decimal(fill?.fees ?? 0),
  };
}

/** Accepts and holds the order, optionally already (partly) filled. */
export const accept =
  (status: BrokerOrderStatus = 'open', fill?: { quantity: string; price: string; fees?: string }): SubmitStep =>
  (request, venue) => {
    const order = venueOrder(request, status, fill);
    venue.held.set(request.clientOrderId, order);
    return order;
  };

/** The venue took the order, and the answer was lost on the way back (timeout after acceptance). */
export const acceptThenTimeOut = (): SubmitStep => (request, venue) => {
  accept()(request, venue);
  throw new VenueUnavailableError('fake', 'request timed out');
};

/** The request never reached the venue, but the client cannot know that. */
export const loseRequest = (): SubmitStep => () => {
  throw new VenueUnavailableError('fake', 'connection reset');
};

export const reject =
  (reason: string): SubmitStep =>
  () => {
    throw new OrderRejectedError('fake', reason);
  };

export const rateLimit =
  (retryAfterMs: number): SubmitStep =>
  () => {
    throw new VenueRateLimitedError('fake', retryAfterMs);
  };

export const duplicate = (): SubmitStep => (request) => {
  throw new DuplicateClientOrderIdError('fake', request.clientOrderId);
};

/** Lookup: what the venue holds (the default). */
export const fromVenue = (): LookupStep => (clientOrderId, venue) => venue.held.get(clientOrderId);

/** Lookup: the venue cannot answer. */
export const failLookup = (): LookupStep => () => {
  throw new VenueUnavailableError('fake', 'HTTP 503');
};

/** Lookup: the held order has moved on (filled more, canceled...). */
export const progress =
  (status: BrokerOrderStatus, fill?: { quantity: string; price: string; fees?: string }): LookupStep =>
  (clientOrderId, venue) => {
    const held = venue.held.get(clientOrderId);
    if (held === undefined) return undefined;
    const next = venueOrder(held, status, fill);
    venue.held.set(clientOrderId, next);
    return next;
  };
