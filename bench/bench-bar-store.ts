/**
 * The bar store under a backfill-shaped load: 90 symbols × 3 timeframes × 180 days
 * (~500,000 bars) appended page by page, then the reads a strategy scan makes.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { TIMEFRAME_MS, type Bar, type SeriesKey, type Timeframe } from '../src/engine/market/bars.js';
import { createFileBarStore, type FileBarStore } from '../src/store/bar-store/create-file-bar-store.js';
import { median, percentile, report, timeEach } from './measure.js';

const SYMBOLS = 90;
const TIMEFRAMES: readonly Timeframe[] = ['1h', '4h', '1d'];
const DAYS = 180;
const PAGE = 1_000;
const READS = 200;
const START = Date.UTC(2025, 0, 1);

export async function benchBarStore(): Promise<void> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'countersign-bench-bars-'));
  try {
    const series = makeSeriesKeys();
    const store = createFileBarStore({ dir: path.join(root, 'bars') });
    const stallMonitor = monitorEventLoopDelay({ resolution: 1 });
    stallMonitor.enable();
    const ingest = await ingestAll(store, series);
    stallMonitor.disable();
    const ingestName = `bar store: ingest of ${ingest.bars.toLocaleString('en-US')} bars in pages of ${PAGE.toLocaleString('en-US')}`;
    report(ingestName, ingest.bars / (ingest.ms / 1000), 'bars/s', '≥ 200,000 bars/s', 0);
    report('bar store: longest event-loop stall during ingest', stallMonitor.max / 1e6, 'ms', 'none set');

    const durableStore = createFileBarStore({ dir: path.join(root, 'bars-fsync'), fsync: true });
    const durable = await ingestAll(durableStore, series.slice(0, 30));
    report('bar store: ingest with fsync after every append (30 series)', durable.bars / (durable.ms / 1000), 'bars/s', '≥ 200,000 bars/s', 0);

    // A fresh instance, as after a restart; its first call loads the series index.
    const reader = createFileBarStore({ dir: path.join(root, 'bars') });
    const hourly = series.find((key) => key.timeframe === '1h') as SeriesKey;
    await reader.readLast(hourly, 1);
    const tail = await timeEach(READS, () => reader.readLast(hourly, 500));
    report(`bar store: read last 500 bars of a series (median of ${READS})`, median(tail), 'ms', '< 2 ms', 3);
    report(`bar store: read last 500 bars of a series (p99 of ${READS})`, percentile(tail, 99), 'ms', 'none set', 3);

    const from = START + 1_500 * TIMEFRAME_MS['1h'];
    const range = await timeEach(READS, () => reader.readRange(hourly, from, from + 1_000 * TIMEFRAME_MS['1h']));
    report(`bar store: read a range of 1,000 bars (median of ${READS})`, median(range), 'ms', 'none set', 3);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

function makeSeriesKeys(): SeriesKey[] {
  const keys: SeriesKey[] = [];
  for (let i = 0; i < SYMBOLS; i += 1) {
    for (const timeframe of TIMEFRAMES) keys.push({ venue: 'ccxt:binance', symbol: `C${i}/USDT`, timeframe });
  }
  return keys;
}

/** Appends every series page by page, one append at a time, timing only the store calls. */
async function ingestAll(store: FileBarStore, series: readonly SeriesKey[]): Promise<{ bars: number; ms: number }> {
  let bars = 0;
  let ns = 0n;
  for (const key of series) {
    const step = TIMEFRAME_MS[key.timeframe];
    const total = (DAYS * TIMEFRAME_MS['1d']) / step;
    for (let first = 0; first < total; first += PAGE) {
      const page = makePage(START + first * step, Math.min(PAGE, total - first), step);
      const started = process.hrtime.bigint();
      const { appended } = await store.append(key, page);
      ns += process.hrtime.bigint() - started;
      bars += appended;
    }
  }
  return { bars, ms: Number(ns) / 1e6 };
}

/** A plausible random walk; the store does not care about the values, only their count. */
function makePage(first: number, count: number, step: number): Bar[] {
  const page: Bar[] = [];
  let price = 100 + Math.random() * 1_000;
  for (let i = 0; i < count; i += 1) {
    const open = price;
    price *= 1 + (Math.random() - 0.5) * 0.02;
    const h = Math.max(open, price) * 1.002;
    const l = Math.min(open, price) * 0.998;
    page.push({ t: first + i * step, o: open, h, l, c: price, v: Math.random() * 5_000 });
  }
  return page;
}
