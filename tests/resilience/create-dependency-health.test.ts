import { describe, expect, it } from 'vitest';
import { createDependencyHealth } from '../../src/resilience/create-dependency-health.js';
import { createVenuePolicy } from '../../src/resilience/create-venue-policy.js';
import { VenueUnavailableError } from '../../src/errors.js';

describe('createDependencyHealth', () => {
  it('reports each registered breaker’s state and last failure, in registration order', async () => {
    const failedAt = new Date('2026-01-05T12:00:00Z');
    const alpaca = createVenuePolicy({ name: 'alpaca', maxRetries: 0, breakerThreshold: 1, clock: () => failedAt });
    const binance = createVenuePolicy({ name: 'ccxt:binance' });
    const health = createDependencyHealth();
    health.register('alpaca', alpaca, 'broker');
    health.register('ccxt:binance data', binance, 'data');
    await alpaca.execute(async () => Promise.reject(new VenueUnavailableError('alpaca', 'HTTP 503'))).catch(() => undefined);

    const [first, second] = health.snapshot();
    expect(first?.name, 'registration order').toBe('alpaca');
    expect(first?.state, 'one failure at threshold 1').toBe('open');
    expect(first?.lastError, 'the error object, for the formatter to pick a code from').toBeInstanceOf(VenueUnavailableError);
    expect(first?.lastFailureAt, 'when it failed').toEqual(failedAt);
    expect(second, 'a healthy dependency carries its kind and no failure fields').toEqual({ name: 'ccxt:binance data', kind: 'data', state: 'closed' });
  });

  it('refuses a second registration under one name (a wiring bug)', () => {
    const health = createDependencyHealth();
    health.register('alpaca', createVenuePolicy({ name: 'alpaca' }), 'broker');
    expect(() => health.register('alpaca', createVenuePolicy({ name: 'alpaca' }), 'broker'), 'one breaker per venue').toThrow(/already registered/);
  });
});
