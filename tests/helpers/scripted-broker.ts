import type { Broker, BrokerOrder, BrokerOrderStatus, MarketRules, OrderRequest } from '../../src/engine/ports/broker.js';
import { DuplicateClientOrderIdError, OrderRejectedError } from '../../src/engine/venues/broker-errors.js';
import type { MarketData, PriceQuote } from '../../src/engine/ports/market-data.js';
import { Decimal } from '../../src/engine/money/decimal.js';
import type { Side } from '../../src/engine/proposals/proposal.js';
import { VenueRateLimitedError, VenueUnavailableError } from '../../src/errors.js';

/** What the venue does with one POST, in the order POSTs arrive. */
export type SubmitScript =
  | 'accept'
  /** The order is on the book, but the answer never comes back: a timeout after acceptance. */
  | 'accept_then_timeout'
  /** A timeout before the matching engine saw it: nothing exists. */
  | 'timeout'
  | 'rate_limited'
  | 'reject';
export type LookupScript = 'answer' | 'unavailable';

export interface VenuePlan {
  /** One entry per POST; plain 'accept' once they run out. */
  readonly submits: readonly SubmitScript[];
  /** One entry per getOrderByClientId call; 'answer' once they run out. */
  readonly lookups: readonly LookupScript[];
  /** An accepted order stays open until its n-th lookup, which sees it filled; 0 fills at once. */
  readonly looksBeforeFill: number;
  /** Microtask ticks a call spends on the wire each way, cycled: varies how concurrent flows interleave. */
  readonly latency: readonly number[];
}

export const CALM_PLAN: VenuePlan = { submits: [], lookups: [], looksBeforeFill: 0, latency: [0] };

/**
 * What becomes of a call from one "process": it runs, or the process dies before the
 * request leaves (`die_before`), or right after the venue acted on it but before the
 * answer is read (`die_after`).
 */
export type CallFate = 'run' | 'die_before' | 'die_after';
export interface CallGuard {
  readonly dead: boolean;
  step(label: string): CallFate;
}
const ALWAYS_RUN: CallGuard = { dead: false, step: () => 'run' };

export interface VenueOrder {
  readonly venueOrderId: string;
  readonly clientOrderId: string;
  readonly symbol: string;
  readonly side: Side;
  readonly quantity: Decimal;
  status: BrokerOrderStatus;
  filledQuantity: Decimal;
  averagePrice?: Decimal;
  looksLeft: number;
}

export interface ScriptedVenueOptions {
  plan: VenuePlan;
  clock: { now(): Date; advance(ms: number): void };
  price?: string;
  /** Venue time each call takes: the clock moves, so fill polling and deadlines end. */
  callMs?: number;
  /**
   * Which earlier orders make a client id a duplicate: every one (Alpaca), or only those
   * still open (venues that scope uniqueness to open orders).
   */
  uniqueness?: 'all' | 'open';
}

const VENUE = 'scripted';
const RULES: MarketRules = { quantityIncrement: new Decimal('0.00001'), priceIncrement: new Decimal('0.01'), minQuantity: new Decimal('0.00001') };
const never = <T>(): Promise<T> => new Promise<T>(() => undefined);
const ticks = async (n: number) => {
  for (let i = 0; i < n; i++) await Promise.resolve();
};

/**
 * A fake venue whose book is the truth: it outlives every "process" that connects to it,
 * refuses a second POST with a known client id, and misbehaves exactly as its plan says.
 */
export function createScriptedVenue(options: ScriptedVenueOptions) {
  const { plan, clock } = options;
  const price = new Decimal(options.price ?? '50000');
  const book = new Map<string, VenueOrder>();
  /** Every order the venue ever accepted, duplicates included. */
  const accepted: VenueOrder[] = [];
  const stats = { calls: 0, posts: 0, duplicatePosts: 0, lookups: 0 };
  const holds = new Map<string, { reached: () => void; released: Promise<void> }>();
  let latencyIndex = 0;

  const nextLatency = () => plan.latency[latencyIndex++ % Math.max(plan.latency.length, 1)] ?? 0;
  const isOpen = (o: VenueOrder) => o.status === 'open' || o.status === 'partially_filled';
  const fill = (o: VenueOrder) => Object.assign(o, { status: 'filled', filledQuantity: o.quantity, averagePrice: price });
  const snapshot = (o: VenueOrder): BrokerOrder => ({
    venueOrderId: o.venueOrderId,
    clientOrderId: o.clientOrderId,
    symbol: o.symbol,
    side: o.side,
    status: o.status,
    filledQuantity: o.filledQuantity,
    ...(o.averagePrice === undefined ? {} : { averagePrice: o.averagePrice }),
    fees: new Decimal(0),
  });

  function submit(request: OrderRequest): BrokerOrder {
    const script = plan.submits[stats.posts++] ?? 'accept';
    if (script === 'timeout') throw new VenueUnavailableError(VENUE, 'timed out before the venue saw the order');
    if (script === 'rate_limited') throw new VenueRateLimitedError(VENUE, 500);
    const known = book.get(request.clientOrderId);
    if (known !== undefined && (options.uniqueness !== 'open' || isOpen(known))) {
      stats.duplicatePosts++;
      throw new DuplicateClientOrderIdError(VENUE, request.clientOrderId);
    }
    if (script === 'reject') throw new OrderRejectedError(VENUE, 'insufficient balance');
    const order: VenueOrder = {
      venueOrderId: `v${accepted.length + 1}`,
      clientOrderId: request.clientOrderId,
      symbol: request.symbol,
      side: request.side,
      quantity: request.quantity ?? new Decimal(0),
      status: 'open',
      filledQuantity: new Decimal(0),
      looksLeft: plan.looksBeforeFill,
    };
    if (order.looksLeft === 0) fill(order);
    book.set(order.clientOrderId, order);
    accepted.push(order);
    if (script === 'accept_then_timeout') throw new VenueUnavailableError(VENUE, 'timed out after the venue accepted the order');
    return snapshot(order);
  }

  function lookUp(clientOrderId: string): BrokerOrder | undefined {
    if ((plan.lookups[stats.lookups++] ?? 'answer') === 'unavailable') throw new VenueUnavailableError(VENUE, 'lookup timed out');
    const order = book.get(clientOrderId);
    if (order === undefined) return undefined;
    if (order.status === 'open') {
      order.looksLeft -= 1;
      if (order.looksLeft <= 0) fill(order);
    }
    return snapshot(order);
  }

  function cancelOpen(): number {
    const open = [...book.values()].filter(isOpen);
    for (const order of open) order.status = 'canceled';
    return open.length;
  }

  /** A venue call as one process makes it: on the wire, processed, answered — or cut short. */
  async function call<T>(guard: CallGuard, label: string, act: () => T): Promise<T> {
    const fate = guard.step(label);
    if (fate === 'die_before') return never();
    stats.calls++;
    clock.advance(options.callMs ?? 100);
    await ticks(nextLatency());
    const hold = holds.get(label);
    if (hold !== undefined) {
      holds.delete(label);
      hold.reached();
      await hold.released;
    }
    let outcome: { ok: true; value: T } | { ok: false; error: unknown };
    try {
      outcome = { ok: true, value: act() };
    } catch (error) {
      outcome = { ok: false, error };
    }
    await ticks(nextLatency());
    if (fate === 'die_after' || guard.dead) return never();
    if (!outcome.ok) throw outcome.error;
    return outcome.value;
  }

  /** The venue's port for one process; calls stop reaching it once the process is dead. */
  function connect(guard: CallGuard = ALWAYS_RUN): Broker & MarketData {
    return {
      venue: 'paper',
      submitOrder: (request) => call(guard, 'submitOrder', () => submit(request)),
      getOrderByClientId: (clientOrderId) => call(guard, 'getOrderByClientId', () => lookUp(clientOrderId)),
      cancelOrder: (order) =>
        call(guard, 'cancelOrder', () => {
          const found = book.get(order.clientOrderId);
          if (found !== undefined && isOpen(found)) found.status = 'canceled';
        }),
      cancelAllOpenOrders: () => call(guard, 'cancelAllOpenOrders', cancelOpen),
      getPositions: () => call(guard, 'getPositions', () => []),
      getAccount: () => call(guard, 'getAccount', () => ({ equity: new Decimal(10_000_000), cash: new Decimal(10_000_000) })),
      getMarketRules: () => call(guard, 'getMarketRules', () => RULES),
      latestPrice: (symbol) => call(guard, 'latestPrice', (): PriceQuote | undefined => (symbol.includes('/') ? { symbol, price, observedAt: clock.now() } : undefined)),
    };
  }

  return {
    connect,
    book,
    accepted,
    stats,
    /** Orders the venue accepted under this client id or its `-r<n>` resubmissions. */
    acceptedFor: (clientOrderId: string) => accepted.filter((o) => o.clientOrderId === clientOrderId || o.clientOrderId.startsWith(`${clientOrderId}-r`)),
    /** Holds the next call of `label` on the wire until released: to line up a race. */
    hold(label: string) {
      let reached!: () => void;
      let release!: () => void;
      const arrived = new Promise<void>((resolve) => (reached = resolve));
      holds.set(label, { reached, released: new Promise<void>((resolve) => (release = resolve)) });
      return { arrived, release };
    },
  };
}

export type ScriptedVenue = ReturnType<typeof createScriptedVenue>;
