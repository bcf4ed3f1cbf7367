import type { ProposeResult } from '../src/engine/proposals/create-proposal.js';
import { TIMEFRAME_MS, type Bar, type SeriesKey, type Timeframe } from '../src/engine/market/bars.js';
import type { BarStore } from '../src/engine/ports/bar-store.js';
import { scanWatchlist, type ScanRequest } from '../src/engine/scanner/scan.js';
import { STRATEGIES } from '../src/engine/strategies/strategy-registry.js';
import { median, report, timeEach } from './measure.js';

const SYMBOLS = 90;
const TIMEFRAMES: readonly Timeframe[] = ['15m', '1h', '4h'];
const BARS = 500;
const RUNS = 25;
const NOW = Date.UTC(2026, 2, 2, 12);

/**
 * The strategy scan over a full watchlist: 90 symbols × 3 timeframes × 500 bars through
 * all three strategies, bars served from memory and proposals dropped, so the figure is
 * the evaluation itself. Every series ends on a fresh bar, so no strategy is skipped.
 */
export async function benchScan(): Promise<void> {
  const store = createMemoryBars();
  const symbols = Array.from({ length: SYMBOLS }, (_, i) => `SYM${i}/USDT`);
  const request: ScanRequest = { accountId: 'bench', venue: 'sim', symbols, timeframes: TIMEFRAMES, notionalPerTrade: '100', barsPerSeries: BARS };
  let proposals = 0;
  const deps = {
    bars: store,
    strategies: Object.values(STRATEGIES),
    propose: async (): Promise<ProposeResult> => {
      proposals++;
      return { kind: 'invalid', problem: 'bench: not proposed' };
    },
    // Every third symbol is held, so the exit rules run too.
    positions: (_account: string, symbol: string) => (Number(symbol.slice(3, -5)) % 3 === 0 ? { quantity: 1, averagePrice: 100, entries: 1 } : { quantity: 0 }),
    clock: () => new Date(NOW),
  };
  const first = await scanWatchlist(deps, request);
  if (first.stale > 0 || first.seriesScanned !== SYMBOLS * TIMEFRAMES.length) throw new Error(`scan bench: ${first.stale} stale of ${first.seriesScanned} series`);
  const samples = await timeEach(RUNS, () => scanWatchlist(deps, request));
  report(`scan ${SYMBOLS} symbols × ${TIMEFRAMES.length} timeframes × ${BARS} bars (${first.signals} signals, ${proposals / (RUNS + 1)} proposals a scan)`, median(samples), 'ms', '< 100 ms');
}

/** Deterministic series, generated once: a random walk per symbol and timeframe ending now. */
function createMemoryBars(): Pick<BarStore, 'readLast'> {
  const series = new Map<string, Bar[]>();
  const random = createRandom(20260302);
  for (let s = 0; s < SYMBOLS; s++) {
    for (const timeframe of TIMEFRAMES) series.set(`SYM${s}/USDT ${timeframe}`, randomWalk(random, timeframe));
  }
  return {
    readLast: async (key: SeriesKey, count: number) => (series.get(`${key.symbol} ${key.timeframe}`) ?? []).slice(-count),
  };
}

function randomWalk(random: () => number, timeframe: Timeframe): Bar[] {
  const step = TIMEFRAME_MS[timeframe];
  const firstOpen = NOW - (BARS + 1) * step;
  const bars: Bar[] = [];
  let close = 50 + random() * 100;
  for (let i = 0; i < BARS; i++) {
    const open = close;
    close = Math.max(0.01, open * (1 + (random() - 0.5) * 0.03));
    const h = Math.max(open, close) * (1 + random() * 0.005);
    const l = Math.min(open, close) * (1 - random() * 0.005);
    bars.push({ t: firstOpen + i * step, o: open, h, l, c: close, v: 500 + random() * 1500 * (random() < 0.05 ? 4 : 1) });
  }
  return bars;
}

/** A 32-bit linear congruential generator: the same bars on every run and machine. */
function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}
