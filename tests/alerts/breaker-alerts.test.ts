import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createBreakerAlerts } from '../../src/alerts/create-breaker-alerts.js';
import { VenueUnavailableError } from '../../src/errors.js';
import { createDependencyHealth, type DependencyKind } from '../../src/resilience/create-dependency-health.js';
import { createVenuePolicy, type BreakerState } from '../../src/resilience/create-venue-policy.js';
import { createAlertHarness, heads, useAlertClock } from './alert-harness.js';

beforeEach(() => useAlertClock());
afterEach(() => void vi.useRealTimers());

const HALF_OPEN_MS = 30_000;

/** A real venue policy in a real registry, subscribed as src/app.ts does, alerting through the real dispatcher. */
function setUp(name: string, kind: DependencyKind) {
  const harness = createAlertHarness();
  harness.dispatcher.start();
  const registry = createDependencyHealth();
  registry.onBreakerChange(createBreakerAlerts({ alerts: harness.dispatcher, logger: pino({ level: 'silent' }) }));
  const policy = createVenuePolicy({ name, maxRetries: 0, breakerThreshold: 2, halfOpenAfterMs: HALF_OPEN_MS });
  const states: BreakerState[] = [];
  policy.onBreakerChange((state) => states.push(state));
  registry.register(name, policy, kind);
  const call = (ok: boolean) => policy.execute(async () => (ok ? 'ok' : Promise.reject(new VenueUnavailableError(name, 'HTTP 503')))).catch(() => undefined);
  return { ...harness, registry, states, call };
}

/** Two failures open it; calls while open fail fast; two half-open trials fail; the third succeeds. */
async function outage(call: (ok: boolean) => Promise<unknown>) {
  for (let i = 0; i < 5; i++) await call(false);
  for (let trial = 0; trial < 2; trial++) {
    await vi.advanceTimersByTimeAsync(HALF_OPEN_MS);
    await call(false);
  }
  await vi.advanceTimersByTimeAsync(HALF_OPEN_MS);
  await call(true);
  await vi.advanceTimersByTimeAsync(120_000);
}

describe('breaker changes reach the chat once per outage', () => {
  it('a broker breaker: exactly one HIGH when it opens and one INFO when it closes, though it opened three times', async () => {
    const { call, sent, states } = setUp('main (alpaca)', 'broker');
    await outage(call);
    expect(states.filter((s) => s === 'open'), 'precondition: each failed trial opened it again').toHaveLength(3);
    expect(states.at(-1), 'precondition: it closed at the end').toBe('closed');
    expect(heads(sent), 'one HIGH, then one INFO; nothing for the half-open trials').toEqual([
      '🟠 <b>HIGH</b> · <b>Broker main (alpaca) is failing: calls paused</b>',
      'ℹ️ <b>INFO</b> · <b>Broker main (alpaca) is answering again</b>',
    ]);
    expect(sent[0]?.text, 'names the error that opened it').toContain('Last error: VenueUnavailableError: main (alpaca) unavailable: HTTP 503');
  });

  it('a data source breaker: WARNING, never HIGH', async () => {
    const { call, sent } = setUp('ccxt:binance data', 'data');
    await outage(call);
    expect(heads(sent), 'a WARNING when it opened, an INFO when it closed').toEqual([
      '⚠️ <b>WARNING</b> · <b>Market data from ccxt:binance is failing: calls paused</b>',
      'ℹ️ <b>INFO</b> · <b>Market data from ccxt:binance is answering again</b>',
    ]);
  });

  it('a breaker registered after the subscription (Telegram, added by the outbound side) is watched too', async () => {
    const { registry, sent } = setUp('main (alpaca)', 'broker');
    const telegram = createVenuePolicy({ name: 'telegram', maxRetries: 0, breakerThreshold: 1 });
    registry.register('telegram', telegram, 'telegram');
    await telegram.execute(() => Promise.reject(new VenueUnavailableError('telegram', 'HTTP 502'))).catch(() => undefined);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(heads(sent), 'WARNING: messages only wait, nothing is lost').toEqual(['⚠️ <b>WARNING</b> · <b>Telegram is failing: calls paused</b>']);
  });

  it('a breaker that closes without an opening the chat heard of says nothing, and a failing outbox never throws into the breaker', async () => {
    const errors: string[] = [];
    const onChange = createBreakerAlerts({
      alerts: { raise: () => Promise.reject(new Error('disk full')) },
      logger: pino({ level: 'error' }, { write: (line: string) => void errors.push(line) }),
    });
    await onChange({ dependency: 'main (alpaca)', kind: 'broker', state: 'closed' });
    expect(errors, 'no alert was attempted for a closing nobody heard open').toEqual([]);
    await expect(onChange({ dependency: 'main (alpaca)', kind: 'broker', state: 'open' }), 'the failure is logged, not thrown').resolves.toBeUndefined();
    expect(errors, 'logged once').toHaveLength(1);
  });
});
