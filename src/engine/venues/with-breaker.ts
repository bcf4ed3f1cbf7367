import type { Broker } from '../ports/broker.js';
import type { MarketData } from '../ports/market-data.js';
import type { VenuePolicy } from '../../resilience/create-venue-policy.js';

/**
 * A venue adapter behind its account's circuit breaker, so /health shows each broker's
 * state and a venue that keeps failing is given a rest. The policy must not retry:
 * an order POST is never repeated blindly (submit-order.ts decides that, by lookup).
 */
export function withBreaker(venue: Broker & MarketData, policy: VenuePolicy): Broker & MarketData {
  const guard =
    <A extends unknown[], R>(call: (...args: A) => Promise<R>) =>
    (...args: A): Promise<R> =>
      policy.execute(() => call(...args));
  return {
    venue: venue.venue,
    submitOrder: guard(venue.submitOrder),
    getOrderByClientId: guard(venue.getOrderByClientId),
    cancelOrder: guard(venue.cancelOrder),
    cancelAllOpenOrders: guard(venue.cancelAllOpenOrders),
    getPositions: guard(venue.getPositions),
    getAccount: guard(venue.getAccount),
    getMarketRules: guard(venue.getMarketRules),
    latestPrice: guard(venue.latestPrice),
  };
}
