import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BarPage } from '../../../../src/engine/ports/bar-source.js';
import type { Bar } from '../../../../src/engine/market/bars.js';
import { createCcxtBarSource, type CcxtBarSourceOptions } from '../../../../src/engine/venues/ccxt/ccxt-bar-source.js';
import { CircuitOpenError } from '../../../../src/resilience/circuit-open-error.js';
import { createVenueLimiter, type VenueLimiter } from '../../../../src/resilience/create-venue-limiter.js';
import { createVenuePolicy, type VenuePolicy } from '../../../../src/resilience/create-venue-policy.js';
import type { FakeBinance, FakeReply } from './fake-binance.js';
import { loadFixture } from '../load-fixture.js';
import { answerKlines, createFakeBinanceExchange, getKlineCalls, KLINES_PATH, startFakeKlines } from './fake-klines.js';
import { loadBarFixture } from '../load-bar-fixture.js';
import { VenueRateLimitedError, VenueUnavailableError } from '../../../../src/errors.js';

const MINUTE = 60_000;
const T0 = Date.UTC(2026, 0, 5, 14, 30);
const NOW = T0 + 10_000 * MINUTE;

let fake: FakeBinance;
const fastPolicy = (): VenuePolicy => createVenuePolicy({ name: 'ccxt:binance', initialDelayMs: 1, maxDelayMs: 5 });
const createSource = (options: Partial<CcxtBarSourceOptions> = {}) =>
  createCcxtBarSource({
    exchange: createFakeBinanceExchange(fake, 300),
    limiter: createVenueLimiter({ requestsPerMinute: 'unlimited' }),
    policy: fastPolicy(),
    clock: () => new Date(NOW),
    ...options,
  });

async function collect(pages: AsyncIterable<BarPage>): Promise<BarPage[]> {
  const result: BarPage[] = [];
  for await (const page of pages) result.push(page);
  return result;
}
const flatten = (pages: readonly BarPage[]): Bar[] => pages.flatMap((page) => [...page.bars]);

/** Answers the first klines requests with `failures`, then with generated klines. */
function failFirst(...failures: FakeReply[]) {
  fake.on('GET', KLINES_PATH, (request) => failures.shift() ?? answerKlines(request, NOW));
}

beforeEach(async () => {
  fake = await startFakeKlines(NOW);
});
afterEach(async () => {
  expect(fake.requests.filter((request) => !request.routed), 'only exchangeInfo and klines were called').toEqual([]);
  await fake.close();
});

describe('ccxt bar source: paging', () => {
  it('walks forward with startTime = last open + 1m, 1,000 klines per call, the last call only for what is left', async () => {
    const source = createSource();
    const pages = await collect(source.fetchBars('BTC/USDT', '1m', T0, T0 + 2_500 * MINUTE));
    expect(source.venue, 'bar store key').toBe('ccxt:binance');
    expect(getKlineCalls(fake), 'Binance’s per-call maximum, then the remaining 500').toEqual([
      { startTime: T0, limit: 1_000 },
      { startTime: T0 + 1_000 * MINUTE, limit: 1_000 },
      { startTime: T0 + 2_000 * MINUTE, limit: 500 },
    ]);
    const bars = flatten(pages);
    expect(pages.map((page) => page.bars.length), 'one BarPage per call').toEqual([1_000, 1_000, 500]);
    expect(bars.every((bar, i) => bar.t === T0 + i * MINUTE), 'contiguous, no overlap between pages').toBe(true);
    const request = fake.requests.find((r) => r.path === KLINES_PATH);
    expect([request?.params.get('symbol'), request?.params.get('interval')], 'Binance market id and interval').toEqual(['BTCUSDT', '1m']);
  });

  it('parses Binance’s kline rows (strings) into numeric bars', async () => {
    fake.on('GET', KLINES_PATH, { body: loadBarFixture('binance-klines', 'btcusdt-1m') });
    const [page] = await collect(createSource().fetchBars('BTC/USDT', '1m', T0, T0 + 10 * MINUTE));
    expect(page?.bars[0], 'open time in ms, prices and base volume as numbers').toEqual({ t: T0, o: 91250.01, h: 91302.55, l: 91211, c: 91288.4, v: 12.48211 });
    expect(getKlineCalls(fake), 'three rows for ten asked is a short page: no second call').toHaveLength(1);
  });

  it('respects a smaller per-call limit', async () => {
    await collect(createSource({ limit: 200 }).fetchBars('BTC/USDT', '1m', T0, T0 + 450 * MINUTE));
    expect(getKlineCalls(fake).map((call) => call.limit), 'never more than asked for').toEqual([200, 200, 50]);
  });

  it('never asks past now and leaves out the kline still forming', async () => {
    const now = T0 + 1_500 * MINUTE + 30_000;
    fake.on('GET', KLINES_PATH, (request) => answerKlines(request, now));
    const bars = flatten(await collect(createSource({ clock: () => new Date(now) }).fetchBars('BTC/USDT', '1m', T0, T0 + 5_000 * MINUTE)));
    expect(bars, 'the 14:30+1500m kline is half built').toHaveLength(1_500);
    expect(getKlineCalls(fake).map((call) => call.limit), 'the second call asks only up to now').toEqual([1_000, 501]);
  });

  it('drops and counts bad klines', async () => {
    fake.on('GET', KLINES_PATH, { body: loadBarFixture('binance-klines', 'btcusdt-1m-with-bad-rows') });
    const [page] = await collect(createSource().fetchBars('BTC/USDT', '1m', T0, T0 + 10 * MINUTE));
    expect(page?.bars.map((bar) => (bar.t - T0) / MINUTE), 'the sound ones, first sound duplicate kept').toEqual([0, 2, 4]);
    expect(page?.dropped, 'high below open, negative volume, duplicate, low above high').toBe(4);
  });

  it('has no pages for a symbol the exchange does not list, and sends no klines request', async () => {
    expect(await collect(createSource().fetchBars('DOGE/USDT', '1m', T0, T0 + 10 * MINUTE)), 'BadSymbol is an empty series').toEqual([]);
    expect(getKlineCalls(fake), 'ccxt knew from exchangeInfo').toEqual([]);
  });

  it('goes through the limiter once per call, at the limiter’s pace', async () => {
    const inner = createVenueLimiter({ requestsPerMinute: 600, headroom: 0 });
    const starts: number[] = [];
    const limiter: VenueLimiter = { schedule: (task) => inner.schedule(() => (starts.push(Date.now()), task())), stop: () => inner.stop() };
    await collect(createSource({ limiter, limit: 100 }).fetchBars('BTC/USDT', '1m', T0, T0 + 300 * MINUTE));
    await inner.stop();
    expect(starts, 'one scheduled task per klines call').toHaveLength(getKlineCalls(fake).length);
    expect(starts[2]! - starts[0]!, '600 a minute: 100 ms apart (less a few ms of dispatch jitter)').toBeGreaterThanOrEqual(190);
  });
});

describe('ccxt bar source: failures', () => {
  it.each([429, 418])('retries a %i after its Retry-After instead of the backoff', async (status) => {
    failFirst({ status, body: loadFixture('binance', 'error-too-much-weight'), headers: { 'Retry-After': '0' } });
    // A 60 s first backoff step would time the test out: only Retry-After: 0 lets it pass.
    const policy = createVenuePolicy({ name: 'ccxt:binance', initialDelayMs: 60_000 });
    const delays: number[] = [];
    policy.onRetry((event) => delays.push(event.delayMs));
    const bars = flatten(await collect(createSource({ policy }).fetchBars('BTC/USDT', '1m', T0, T0 + 10 * MINUTE)));
    expect(bars, 'the retried call answered').toHaveLength(10);
    expect(delays, 'waited what Binance asked').toEqual([0]);
    expect(policy.lastError, 'typed before the policy saw it').toBeInstanceOf(VenueRateLimitedError);
  });

  it('hands a 418 ban longer than maxRetryAfterMs to the caller without hammering', async () => {
    failFirst({ status: 418, body: { code: -1003, msg: 'Way too much request weight used; IP banned until 1767630600000.' }, headers: { 'Retry-After': '7200' } });
    const error = await collect(createSource().fetchBars('BTC/USDT', '1m', T0, T0 + 10 * MINUTE)).catch((e: unknown) => e);
    expect(error, 'typed, with the wait').toBeInstanceOf(VenueRateLimitedError);
    expect((error as VenueRateLimitedError).retryAfterMs, 'two hours, from Retry-After').toBe(7_200_000);
    expect(getKlineCalls(fake), 'no retry into a ban').toHaveLength(1);
  });

  it('retries 5xx and a timeout, then pages on', async () => {
    failFirst({ status: 503, body: loadFixture('binance', 'error-internal') }, { body: [], delayMs: 1_000 });
    const bars = flatten(await collect(createSource().fetchBars('BTC/USDT', '1m', T0, T0 + 10 * MINUTE)));
    expect(bars, 'third attempt answered').toHaveLength(10);
    expect(getKlineCalls(fake), '503, timeout, success').toHaveLength(3);
  });

  it('opens the breaker after repeated failures and stops calling the exchange', async () => {
    fake.on('GET', KLINES_PATH, { status: 500, body: loadFixture('binance', 'error-internal') });
    const policy = createVenuePolicy({ name: 'ccxt:binance', initialDelayMs: 1, maxDelayMs: 1, maxRetries: 10, breakerThreshold: 3 });
    const error = await collect(createSource({ policy }).fetchBars('BTC/USDT', '1m', T0, T0 + 10 * MINUTE)).catch((e: unknown) => e);
    expect(error, 'fails fast once open').toBeInstanceOf(CircuitOpenError);
    expect(policy.getBreakerState(), 'for /health').toBe('open');
    expect(policy.lastError, 'why it opened').toBeInstanceOf(VenueUnavailableError);
    expect(getKlineCalls(fake), 'three calls opened it; no more were sent').toHaveLength(3);
  });
});
