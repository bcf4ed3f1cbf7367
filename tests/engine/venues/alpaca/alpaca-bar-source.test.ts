import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { BarPage } from '../../../../src/engine/ports/bar-source.js';
import { createAlpacaBarSource, type AlpacaBarSourceOptions } from '../../../../src/engine/venues/alpaca/alpaca-bar-source.js';
import { BarRequestRefusedError } from '../../../../src/engine/market/bar-request-refused-error.js';
import { createVenueLimiter } from '../../../../src/resilience/create-venue-limiter.js';
import { createVenuePolicy, type VenuePolicyOptions } from '../../../../src/resilience/create-venue-policy.js';
import { loadFixture } from '../load-fixture.js';
import { loadBarFixture } from '../load-bar-fixture.js';
import { VenueRateLimitedError } from '../../../../src/errors.js';

const DATA = 'https://data.alpaca.markets';
const FROM = Date.UTC(2026, 0, 5, 14, 30);
const TO = Date.UTC(2026, 0, 5, 21);
const NOW = new Date('2026-01-06T00:00:00Z');

const createSource = (options: Partial<AlpacaBarSourceOptions> = {}, policy: Partial<VenuePolicyOptions> = {}) =>
  createAlpacaBarSource({
    keyId: 'PKTEST',
    secretKey: 'secret',
    limiter: createVenueLimiter({ requestsPerMinute: 'unlimited' }),
    policy: createVenuePolicy({ name: 'alpaca', initialDelayMs: 1, maxDelayMs: 5, ...policy }),
    clock: () => NOW,
    ...options,
  });

/** Intercepts GET /v2/stocks/{symbol}/bars and records each query it answers. */
function barsEndpoint(symbol: string, queries: Record<string, string>[] = []) {
  const interceptor = () =>
    nock(DATA)
      .get(`/v2/stocks/${encodeURIComponent(symbol)}/bars`)
      .query((query) => (queries.push(query as Record<string, string>), true));
  return { interceptor, queries };
}

async function collect(pages: AsyncIterable<BarPage>): Promise<BarPage[]> {
  const result: BarPage[] = [];
  for await (const page of pages) result.push(page);
  return result;
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
  expect(nock.pendingMocks(), 'every prepared reply was requested').toEqual([]);
  nock.cleanAll();
});

describe('Alpaca bar source: paging', () => {
  it('follows next_page_token page by page with the documented query', async () => {
    const { interceptor, queries } = barsEndpoint('AAPL');
    interceptor().reply(200, loadBarFixture('alpaca-bars', 'aapl-1min-page-1'));
    interceptor().reply(200, loadBarFixture('alpaca-bars', 'aapl-1min-page-2'));
    const source = createSource();
    const pages = await collect(source.fetchBars('AAPL', '1m', FROM, TO));

    expect(source.venue, 'bar store key').toBe('alpaca');
    expect(pages.map((page) => page.bars.length), 'one BarPage per Alpaca page').toEqual([3, 2]);
    expect(pages[0]?.bars[0], 'compact wire keys to a Bar, t in ms').toEqual({ t: FROM, o: 243.12, h: 243.55, l: 242.98, c: 243.41, v: 41873 });
    expect(queries[0], 'raw prices, the biggest page, IEX by default').toEqual({
      timeframe: '1Min',
      start: '2026-01-05T14:30:00.000Z',
      end: '2026-01-05T21:00:00.000Z',
      limit: '10000',
      adjustment: 'raw',
      feed: 'iex',
    });
    expect(queries[1]?.page_token, 'the token from page 1').toBe(loadBarFixture<{ next_page_token: string }>('alpaca-bars', 'aapl-1min-page-1').next_page_token);
  });

  it('asks for the SIP feed when configured', async () => {
    const { interceptor, queries } = barsEndpoint('AAPL');
    interceptor().reply(200, loadBarFixture('alpaca-bars', 'aapl-1min-page-2'));
    await collect(createSource({ feed: 'sip' }).fetchBars('AAPL', '1m', FROM, TO));
    expect(queries[0]?.feed, 'paid consolidated feed').toBe('sip');
  });

  it('maps each timeframe and keeps daily bars at New York midnight across the DST change', async () => {
    const { interceptor, queries } = barsEndpoint('AAPL');
    interceptor().reply(200, loadBarFixture('alpaca-bars', 'aapl-1day-dst'));
    const pages = await collect(createSource().fetchBars('AAPL', '1d', Date.UTC(2024, 2, 7), Date.UTC(2024, 2, 14)));
    expect(queries[0]?.timeframe, 'Alpaca’s name for 1d').toBe('1Day');
    expect(pages[0]?.bars.map((bar) => new Date(bar.t).toISOString()), 't as Alpaca gave it: 05:00Z in EST, 04:00Z in EDT').toEqual([
      '2024-03-07T05:00:00.000Z',
      '2024-03-08T05:00:00.000Z',
      '2024-03-11T04:00:00.000Z',
      '2024-03-12T04:00:00.000Z',
    ]);
    expect(pages[0]?.dropped, 'none of them is off-grid').toBe(0);
  });

  it('never asks past now and leaves out the bar still forming', async () => {
    const now = new Date(Date.UTC(2026, 0, 5, 14, 34, 20));
    const { interceptor, queries } = barsEndpoint('AAPL');
    interceptor().reply(200, loadBarFixture('alpaca-bars', 'aapl-1min-page-2'));
    const pages = await collect(createSource({ clock: () => now }).fetchBars('AAPL', '1m', Date.UTC(2026, 0, 5, 14, 33), TO));
    expect(queries[0]?.end, 'end clamped to now').toBe(now.toISOString());
    expect(pages[0]?.bars.map((bar) => bar.t), '14:34 closes at 14:35, after now').toEqual([Date.UTC(2026, 0, 5, 14, 33)]);
  });

  it('drops and counts bad bars', async () => {
    barsEndpoint('AAPL').interceptor().reply(200, loadBarFixture('alpaca-bars', 'aapl-1min-bad-bars'));
    const [page] = await collect(createSource().fetchBars('AAPL', '1m', FROM, TO));
    expect(page?.bars.map((bar) => new Date(bar.t).toISOString().slice(11, 16)), 'sorted, first duplicate kept').toEqual(['14:30', '14:31', '14:36']);
    expect(page?.dropped, 'duplicate, high below open, negative volume, missing open, off-grid time').toBe(5);
  });
});

describe('Alpaca bar source: unknown symbols', () => {
  it('has no pages when Alpaca knows no bars for the symbol', async () => {
    barsEndpoint('ZZZZQ').interceptor().reply(200, loadBarFixture('alpaca-bars', 'unknown-symbol'));
    expect(await collect(createSource().fetchBars('ZZZZQ', '1h', FROM, TO)), 'empty series, not an error').toEqual([]);
  });

  it('has no pages when Alpaca rejects the symbol itself', async () => {
    barsEndpoint('AAPL$').interceptor().reply(400, loadBarFixture('alpaca-bars', 'error-invalid-symbol'));
    expect(await collect(createSource().fetchBars('AAPL$', '1h', FROM, TO)), 'malformed symbol: empty, not retried').toEqual([]);
  });
});

describe('Alpaca bar source: failures', () => {
  it('retries a 429 after its Retry-After instead of the backoff, then pages on', async () => {
    const { interceptor } = barsEndpoint('AAPL');
    interceptor().reply(429, loadFixture('alpaca', 'error-rate-limit'), { 'Retry-After': '0' });
    interceptor().reply(200, loadBarFixture('alpaca-bars', 'aapl-1min-page-2'));
    // A 60 s first backoff step would time the test out: only Retry-After: 0 lets it pass.
    const policy = createVenuePolicy({ name: 'alpaca', initialDelayMs: 60_000 });
    const delays: number[] = [];
    policy.onRetry((event) => delays.push(event.delayMs));
    const pages = await collect(createSource({ policy }).fetchBars('AAPL', '1m', FROM, TO));
    expect(pages[0]?.bars, 'the retried page').toHaveLength(2);
    expect(delays, 'waited what the venue asked').toEqual([0]);
    expect(policy.lastError, 'the 429, typed').toBeInstanceOf(VenueRateLimitedError);
  });

  it('retries a 5xx, then pages on', async () => {
    const { interceptor } = barsEndpoint('AAPL');
    interceptor().reply(500, loadFixture('alpaca', 'error-internal'));
    interceptor().reply(503, 'Service Unavailable');
    interceptor().reply(200, loadBarFixture('alpaca-bars', 'aapl-1min-page-2'));
    const pages = await collect(createSource().fetchBars('AAPL', '1m', FROM, TO));
    expect(pages[0]?.bars, 'third attempt answered').toHaveLength(2);
  });

  it('reports a feed the plan does not include as a refusal, without retrying', async () => {
    barsEndpoint('AAPL').interceptor().reply(403, loadBarFixture('alpaca-bars', 'error-sip-forbidden'));
    const error = await collect(createSource({ feed: 'sip' }).fetchBars('AAPL', '1m', FROM, TO)).catch((e: unknown) => e);
    expect(error, 'retrying cannot fix a subscription').toBeInstanceOf(BarRequestRefusedError);
    expect((error as BarRequestRefusedError).venue, 'names the venue').toBe('alpaca');
  });

  it('opens the breaker after repeated 5xx and then stops calling Alpaca', async () => {
    const { interceptor, queries } = barsEndpoint('AAPL');
    interceptor().times(3).reply(502, 'Bad Gateway');
    const policy = createVenuePolicy({ name: 'alpaca', initialDelayMs: 1, maxDelayMs: 1, maxRetries: 10, breakerThreshold: 3 });
    const error = await collect(createSource({ policy }).fetchBars('AAPL', '1m', FROM, TO)).catch((e: unknown) => e);
    expect((error as Error).name, 'fails fast once open').toBe('CircuitOpenError');
    expect(policy.getBreakerState(), 'for /health').toBe('open');
    expect(queries, 'three requests opened it; no more were sent').toHaveLength(3);
  });
});
