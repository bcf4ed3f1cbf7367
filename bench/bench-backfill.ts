import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCcxtExchange } from '../src/engine/venues/ccxt/ccxt-exchange.js';
import { createEventBus } from '../src/engine/events.js';
import { createBackfillManager } from '../src/engine/backfill/backfill-manager.js';
import { findGaps } from '../src/engine/market/expected-bar-times.js';
import { createCcxtBarSource } from '../src/engine/venues/ccxt/ccxt-bar-source.js';
import { BINANCE_KLINES_LIMIT, createVenueLimiter, type VenueLimitOptions } from '../src/resilience/create-venue-limiter.js';
import { createVenuePolicy } from '../src/resilience/create-venue-policy.js';
import { createFileBarStore } from '../src/store/bar-store/create-file-bar-store.js';
import { startFakeBinance, type RecordedRequest } from '../tests/engine/venues/ccxt/fake-binance.js';
import { answerKlines } from '../tests/engine/venues/ccxt/fake-klines.js';
import { loadFixture } from '../tests/engine/venues/load-fixture.js';
import { report } from './measure.js';

const SYMBOLS = Array.from({ length: 90 }, (_, i) => `S${String(i).padStart(2, '0')}/USDT`);
const TIMEFRAMES = ['1h', '4h', '1d'] as const;
const DAYS = 180;
const WEIGHT_LIMIT = 6_000; // Binance: request weight per minute; klines weigh 2
const KLINES_WEIGHT = 2;

/** exchangeInfo with 90 spot symbols shaped like Binance's, cloned from the recorded one. */
function exchangeInfo(): unknown {
  const recorded = loadFixture('binance', 'exchange-info') as { symbols: Record<string, unknown>[] };
  const template = recorded.symbols[0] ?? {};
  const symbols = SYMBOLS.map((s) => {
    const base = s.split('/')[0] ?? s;
    return { ...template, symbol: `${base}USDT`, baseAsset: base, quoteAsset: 'USDT', isMarginTradingAllowed: false };
  });
  return { ...recorded, symbols };
}

/** A local Binance that enforces the request-weight limit: over it, 429 as Binance does. */
async function startLocalBinance(now: number) {
  const venue = await startFakeBinance();
  venue.on('GET', '/api/v3/exchangeInfo', { body: exchangeInfo() });
  const weights: number[] = [];
  let refused = 0;
  venue.on('GET', '/api/v3/klines', (request: RecordedRequest) => {
    const at = Date.now();
    weights.push(at);
    while ((weights[0] ?? at) <= at - 60_000) weights.shift();
    if (weights.length * KLINES_WEIGHT > WEIGHT_LIMIT) {
      refused++;
      return { status: 429, headers: { 'Retry-After': '1' }, body: { code: -1003, msg: 'Too much request weight used.' } };
    }
    return answerKlines(request, now);
  });
  return { venue, refused: () => refused };
}

async function runOnce(limit: VenueLimitOptions, label: string): Promise<{ seconds: number; bars: number; klineCalls: number; refused: number }> {
  const now = Math.floor(Date.now() / 3_600_000) * 3_600_000;
  const { venue, refused } = await startLocalBinance(now);
  const dir = await mkdtemp(join(tmpdir(), 'cs-bench-backfill-'));
  try {
    const exchange = createCcxtExchange({ exchangeId: 'binance', apiKey: '', secret: '', sandbox: false, urlsOverride: venue.url, fetchImplementation: globalThis.fetch });
    // Our limiter is the one governing here; ccxt's own per-instance throttle is left out.
    exchange.enableRateLimit = false;
    const source = createCcxtBarSource({ exchange, limiter: createVenueLimiter(limit), policy: createVenuePolicy({ name: label }), clock: () => new Date(now) });
    const manager = createBackfillManager({
      sources: new Map([[source.venue, source]]),
      store: createFileBarStore({ dir }),
      jobs: { list: () => [], save: async () => undefined },
      clock: () => new Date(),
      concurrency: 16,
      findGaps,
      events: createEventBus(() => undefined),
    });
    const started = manager.start({ venue: source.venue, symbols: SYMBOLS, timeframes: [...TIMEFRAMES], days: DAYS });
    if (started.kind !== 'started') throw new Error(`backfill did not start: ${started.kind}`);
    const t0 = process.hrtime.bigint();
    const result = await started.handle.done;
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    const failed = result.series.filter((s) => s.status !== 'ok');
    if (failed.length > 0) throw new Error(`${failed.length} series failed, e.g. ${failed[0]?.reason ?? ''}`);
    return { seconds, bars: result.barsStored, klineCalls: venue.count('GET', '/api/v3/klines'), refused: refused() };
  } finally {
    await venue.close();
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * 90 symbols × 3 timeframes × 180 days (~502,000 bars) from a local endpoint speaking
 * Binance's klines format, through ccxt, the limiter, the policy and the file bar store:
 * once unthrottled, once at Binance's published limit.
 */
export async function benchBackfill(): Promise<void> {
  const free = await runOnce({ requestsPerMinute: 'unlimited' }, 'bench unthrottled');
  report(`backfill 90 symbols × 3 timeframes × 180 days (${free.bars.toLocaleString('en-US')} bars, ${free.klineCalls} calls), unthrottled`, free.seconds, 's', '< 60 s', 1);

  const limited = await runOnce(BINANCE_KLINES_LIMIT, 'bench limited');
  const allowedPerSecond = WEIGHT_LIMIT / KLINES_WEIGHT / 60;
  const achieved = limited.klineCalls / limited.seconds;
  report(`backfill at Binance's limit (${WEIGHT_LIMIT} weight/min, klines weight ${KLINES_WEIGHT}): request rate vs allowed`, (achieved / allowedPerSecond) * 100, '%', '≥ 95 %', 1);
  report('backfill at Binance\'s limit: 429 answers', limited.refused, 'responses', '0', 0);
  report('backfill at Binance\'s limit: duration', limited.seconds, 's', 'reference', 1);
}
