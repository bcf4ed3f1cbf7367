import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { VenueAuthError } from '../../src/engine/venues/broker-errors.js';
import { CircuitOpenError } from '../../src/resilience/circuit-open-error.js';
import { createVenuePolicy, type BreakerState, type RetryEvent, type VenuePolicyOptions } from '../../src/resilience/create-venue-policy.js';
import { VenueRateLimitedError, VenueUnavailableError } from '../../src/errors.js';

const unavailable = () => new VenueUnavailableError('test', 'HTTP 503');
const createPolicy = (options: Partial<VenuePolicyOptions> = {}) =>
  createVenuePolicy({ name: 'test', initialDelayMs: 100, maxDelayMs: 1_000, halfOpenAfterMs: 10_000, clock: () => new Date(Date.now()), ...options });

/** A call that fails with the given errors in turn, then answers `ok`. */
function failThen(...errors: Error[]) {
  return vi.fn(async () => {
    const error = errors.shift();
    if (error !== undefined) throw error;
    return 'ok';
  });
}

beforeEach(() => void vi.useFakeTimers({ now: Date.UTC(2026, 0, 5, 12) }));
afterEach(() => void vi.useRealTimers());

describe('retry', () => {
  it('retries a 5xx-like failure with backoff and returns the later success', async () => {
    const policy = createPolicy();
    const retries: RetryEvent[] = [];
    policy.onRetry((event) => retries.push(event));
    const call = failThen(unavailable(), unavailable());
    const result = policy.execute(call);
    await vi.advanceTimersByTimeAsync(2_000);
    await expect(result, 'third attempt succeeds').resolves.toBe('ok');
    expect(call, 'two retries').toHaveBeenCalledTimes(3);
    expect(retries.every((event) => event.delayMs <= 1_000), 'backoff stays under maxDelayMs').toBe(true);
  });

  it('waits exactly the Retry-After of a rate-limit error, not the exponential backoff', async () => {
    const policy = createPolicy({ initialDelayMs: 10 });
    const call = failThen(new VenueRateLimitedError('test', 7_000));
    const result = policy.execute(call);
    await vi.advanceTimersByTimeAsync(6_999);
    expect(call, 'still waiting out the venue’s 7 s').toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    await expect(result, 'retried once the wait is over').resolves.toBe('ok');
    expect(call, 'one retry').toHaveBeenCalledTimes(2);
  });

  it('hands a Retry-After longer than maxRetryAfterMs (an IP ban) back to the caller at once', async () => {
    const policy = createPolicy({ maxRetryAfterMs: 60_000 });
    const ban = new VenueRateLimitedError('test', 120_000);
    const call = failThen(ban);
    await expect(policy.execute(call), 'the caller reschedules from retryAfterMs').rejects.toBe(ban);
    expect(call, 'no in-process wait for a ban').toHaveBeenCalledTimes(1);
  });

  it('gives up after maxRetries and throws the last venue error', async () => {
    const policy = createPolicy({ maxRetries: 2 });
    const call = vi.fn(async () => Promise.reject(unavailable()));
    const result = policy.execute(call).catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(await result, 'typed error reaches the caller').toBeInstanceOf(VenueUnavailableError);
    expect(call, 'first attempt plus two retries').toHaveBeenCalledTimes(3);
  });

  it('never retries an error that is not a venue failure, nor counts it toward the breaker', async () => {
    const policy = createPolicy({ breakerThreshold: 1 });
    const call = failThen(new VenueAuthError('test'));
    await expect(policy.execute(call), 'bad keys do not get better by retrying').rejects.toBeInstanceOf(VenueAuthError);
    expect(call, 'one attempt').toHaveBeenCalledTimes(1);
    expect(policy.getBreakerState(), 'an operator problem is not an outage').toBe('closed');
    expect(policy.lastError, 'but /health still shows it').toBeInstanceOf(VenueAuthError);
  });

  it('does not call at all, nor record a failure, when the caller already canceled', async () => {
    const policy = createPolicy();
    const call = vi.fn(async () => 'ok');
    await expect(policy.execute(call, AbortSignal.abort()), 'cancellation wins').rejects.toThrow();
    expect(call, 'nothing sent').not.toHaveBeenCalled();
    expect(policy.lastError, 'a cancel is not a venue failure').toBeUndefined();
  });
});

describe('circuit breaker', () => {
  it('opens after N consecutive failures, reports why and when, and fails fast without calling', async () => {
    const policy = createPolicy({ maxRetries: 0, breakerThreshold: 3 });
    const states: BreakerState[] = [];
    policy.onBreakerChange((state) => states.push(state));
    const failing = vi.fn(async () => Promise.reject(unavailable()));
    for (let i = 0; i < 3; i += 1) await policy.execute(failing).catch(() => undefined);
    expect(policy.getBreakerState(), 'three failures in a row').toBe('open');
    expect(policy.lastError, 'the failure that opened it').toBeInstanceOf(VenueUnavailableError);
    expect(policy.lastFailureAt, 'from the injected clock').toEqual(new Date(Date.UTC(2026, 0, 5, 12)));
    const error = await policy.execute(failing).catch((e: unknown) => e);
    expect(error, 'request not sent: a typed, certain refusal').toBeInstanceOf(CircuitOpenError);
    expect((error as CircuitOpenError).venue, 'names the venue').toBe('test');
    expect(failing, 'the open breaker did not call the venue').toHaveBeenCalledTimes(3);
    expect(states, 'one transition to alert on').toEqual(['open']);
  });

  it('half-opens after halfOpenAfterMs, lets one trial call through and closes on its success', async () => {
    const policy = createPolicy({ maxRetries: 0, breakerThreshold: 2, halfOpenAfterMs: 10_000 });
    const states: BreakerState[] = [];
    policy.onBreakerChange((state) => states.push(state));
    for (let i = 0; i < 2; i += 1) await policy.execute(async () => Promise.reject(unavailable())).catch(() => undefined);
    await vi.advanceTimersByTimeAsync(9_999);
    await expect(policy.execute(async () => 'early'), 'still open before the pause is over').rejects.toBeInstanceOf(CircuitOpenError);
    await vi.advanceTimersByTimeAsync(1);
    let finishTrial: (value: string) => void = () => undefined;
    const trial = policy.execute(() => new Promise<string>((resolve) => (finishTrial = resolve)));
    await vi.advanceTimersByTimeAsync(0);
    expect(policy.getBreakerState(), 'the trial call is in flight').toBe('half_open');
    finishTrial('recovered');
    await expect(trial, 'the trial call’s result').resolves.toBe('recovered');
    expect(policy.getBreakerState(), 'recovered').toBe('closed');
    expect(states, 'open → half-open → closed').toEqual(['open', 'half_open', 'closed']);
  });

  it('opens again when the half-open trial fails', async () => {
    const policy = createPolicy({ maxRetries: 0, breakerThreshold: 1, halfOpenAfterMs: 1_000 });
    await policy.execute(async () => Promise.reject(unavailable())).catch(() => undefined);
    await vi.advanceTimersByTimeAsync(1_000);
    await expect(policy.execute(async () => Promise.reject(unavailable())), 'trial fails').rejects.toBeInstanceOf(VenueUnavailableError);
    expect(policy.getBreakerState(), 'still broken: back to open').toBe('open');
  });

  it('counts only consecutive failures: a success in between resets the count', async () => {
    const policy = createPolicy({ maxRetries: 0, breakerThreshold: 3 });
    const fail = () => policy.execute(async () => Promise.reject(unavailable())).catch(() => undefined);
    await fail();
    await fail();
    await policy.execute(async () => 'ok');
    await fail();
    await fail();
    expect(policy.getBreakerState(), 'never three in a row').toBe('closed');
  });

  it('ends retries as soon as the breaker opens', async () => {
    const policy = createPolicy({ maxRetries: 10, breakerThreshold: 3, initialDelayMs: 1, maxDelayMs: 1 });
    const call = vi.fn(async () => Promise.reject(unavailable()));
    const result = policy.execute(call).catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(100);
    expect(await result, 'the open breaker stops the retry loop').toBeInstanceOf(CircuitOpenError);
    expect(call, 'three attempts opened it; the rest were never sent').toHaveBeenCalledTimes(3);
  });
});
