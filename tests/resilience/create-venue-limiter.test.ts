import { afterEach, describe, expect, it, vi } from 'vitest';
import { ALPACA_LIMIT, BINANCE_KLINES_LIMIT, createVenueLimiter, getMinTimeMs, type VenueLimiter } from '../../src/resilience/create-venue-limiter.js';

let limiter: VenueLimiter | undefined;
afterEach(async () => {
  // Real timers first: bottleneck's stop() waits on a timer.
  vi.useRealTimers();
  await limiter?.stop();
  limiter = undefined;
});

/**
 * Schedules `count` instant tasks at once and returns the start times seen within
 * `windowMs` of fake time; then lets the rest run, so no timer outlives the test.
 */
async function recordStarts(subject: VenueLimiter, count: number, windowMs: number): Promise<number[]> {
  const starts: number[] = [];
  const all = Promise.all(Array.from({ length: count }, () => subject.schedule(async () => void starts.push(Date.now()))));
  await vi.advanceTimersByTimeAsync(windowMs);
  const seen = [...starts];
  await vi.advanceTimersByTimeAsync(count * 100);
  await all;
  return seen;
}

/** Gaps between consecutive starts. */
const getGaps = (starts: readonly number[]) => starts.slice(1).map((start, i) => start - starts[i]!);

describe('createVenueLimiter', () => {
  it('spaces request starts evenly at the configured rate', async () => {
    vi.useFakeTimers({ now: 0 });
    limiter = createVenueLimiter({ requestsPerMinute: 1_200, headroom: 0 });
    const starts = await recordStarts(limiter, 40, 1_000);
    expect(starts.length, '1,200 a minute is 20 a second, not 40 in a burst').toBeGreaterThanOrEqual(19);
    expect(starts.length, 'never more than the rate').toBeLessThanOrEqual(21);
    // Bottleneck spaces dispatches; the first task starts a tick after its dispatch.
    expect(Math.min(...getGaps(starts)), 'one every 50 ms').toBeGreaterThanOrEqual(49);
  });

  it('spends the budget in request weight: 6,000 weight at 2 a call is one call every 20 ms', async () => {
    vi.useFakeTimers({ now: 0 });
    limiter = createVenueLimiter({ ...BINANCE_KLINES_LIMIT, headroom: 0 });
    const starts = await recordStarts(limiter, 100, 1_000);
    expect(starts.length, '3,000 kline calls a minute is 50 a second').toBeGreaterThanOrEqual(49);
    expect(starts.length, 'never more than the weight allows').toBeLessThanOrEqual(51);
    expect(Math.min(...getGaps(starts)), 'one every 20 ms').toBeGreaterThanOrEqual(19);
  });

  it('keeps 2 % headroom by default, so no 60-second window can exceed the venue budget', () => {
    const spacing = getMinTimeMs(ALPACA_LIMIT);
    expect(spacing, '200/min with 2 % left over').toBeCloseTo(60_000 / 196, 6);
    expect(Math.floor(60_000 / spacing) + 1, 'starts inside any 60 s window, both ends counted').toBeLessThanOrEqual(200);
    expect(60_000 / getMinTimeMs(BINANCE_KLINES_LIMIT) / 3_000, 'share of Binance’s kline budget used').toBeGreaterThanOrEqual(0.95);
  });

  it('caps requests in flight with maxConcurrent', async () => {
    limiter = createVenueLimiter({ requestsPerMinute: 'unlimited', maxConcurrent: 2 });
    let running = 0;
    let peak = 0;
    const task = async () => {
      running += 1;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setTimeout(resolve, 5));
      running -= 1;
    };
    await Promise.all(Array.from({ length: 6 }, () => limiter!.schedule(task)));
    expect(peak, 'never more than two at once').toBe(2);
  });

  it('runs everything at once when unlimited (benchmarks against a local endpoint)', async () => {
    limiter = createVenueLimiter({ requestsPerMinute: 'unlimited' });
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let started = 0;
    const all = Promise.all(Array.from({ length: 10 }, () => limiter!.schedule(async () => void (started += 1, await gate))));
    const startedAtOnce = started;
    release();
    await all;
    expect(startedAtOnce, 'no spacing, no queue, no concurrency cap').toBe(10);
  });

  it('passes the task’s result and failure through unchanged', async () => {
    limiter = createVenueLimiter({ requestsPerMinute: 'unlimited' });
    await expect(limiter.schedule(async () => 42), 'result').resolves.toBe(42);
    const failure = new Error('venue said no');
    await expect(limiter.schedule(async () => Promise.reject(failure)), 'same error object for the policy to classify').rejects.toBe(failure);
  });

  it('refuses new tasks once stopped and waits for the running ones', async () => {
    const subject = createVenueLimiter({ requestsPerMinute: 'unlimited' });
    let finished = false;
    void subject.schedule(async () => {
      await new Promise((resolve) => setTimeout(resolve, 10));
      finished = true;
    });
    await subject.stop();
    expect(finished, 'stop() waited for the task in flight').toBe(true);
    await expect(subject.schedule(async () => 1), 'shutting down: no new requests').rejects.toThrow(/stopped/);
  });

  it('refuses a limit that cannot be a rate', () => {
    expect(() => createVenueLimiter({ requestsPerMinute: 0 }), 'zero budget').toThrow(RangeError);
    expect(() => createVenueLimiter({ requestsPerMinute: 100, weightPerRequest: -1 }), 'negative weight').toThrow(RangeError);
    expect(() => createVenueLimiter({ requestsPerMinute: 100, maxConcurrent: 0 }), 'no slot at all').toThrow(RangeError);
  });
});
