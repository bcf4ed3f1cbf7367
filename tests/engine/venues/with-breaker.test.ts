import { describe, expect, it } from 'vitest';
import type { Broker } from '../../../src/engine/ports/broker.js';
import type { MarketData } from '../../../src/engine/ports/market-data.js';
import { toDecimal } from '../../../src/engine/money/decimal.js';
import { createVenuePolicy } from '../../../src/resilience/create-venue-policy.js';
import { withBreaker } from '../../../src/engine/venues/with-breaker.js';
import { VenueUnavailableError } from '../../../src/errors.js';

function failingVenue() {
  const calls: string[] = [];
  const fail = (name: string) => async () => {
    calls.push(name);
    throw new VenueUnavailableError('test', '503');
  };
  const venue = {
    venue: 'alpaca',
    submitOrder: fail('submitOrder'),
    getOrderByClientId: fail('getOrderByClientId'),
    cancelOrder: fail('cancelOrder'),
    cancelAllOpenOrders: fail('cancelAllOpenOrders'),
    getPositions: fail('getPositions'),
    getAccount: async () => ({ equity: toDecimal(1), cash: toDecimal(1) }),
    getMarketRules: fail('getMarketRules'),
    latestPrice: fail('latestPrice'),
  } as unknown as Broker & MarketData;
  return { venue, calls };
}

describe('withBreaker', () => {
  it('never retries an order POST, and opens the breaker after consecutive failures', async () => {
    const { venue, calls } = failingVenue();
    const policy = createVenuePolicy({ name: 'steady (alpaca)', maxRetries: 0, breakerThreshold: 3 });
    const guarded = withBreaker(venue, policy);
    const request = { clientOrderId: 'cs-1', symbol: 'AAPL', side: 'buy' as const, type: 'market' as const, quantity: toDecimal(1) };
    await expect(guarded.submitOrder(request), 'the venue error comes back as it was').rejects.toBeInstanceOf(VenueUnavailableError);
    expect(calls, 'one POST, no retry').toEqual(['submitOrder']);
    await guarded.getPositions().catch(() => undefined);
    await guarded.latestPrice('AAPL').catch(() => undefined);
    expect(policy.getBreakerState(), 'three failures in a row open it').toBe('open');
    await expect(guarded.submitOrder(request), 'an open breaker refuses before any request').rejects.toThrow();
    expect(calls.filter((c) => c === 'submitOrder'), 'nothing was sent while open').toHaveLength(1);
    expect(policy.lastError, 'the last error is kept for /health').toBeInstanceOf(VenueUnavailableError);
  });
});
