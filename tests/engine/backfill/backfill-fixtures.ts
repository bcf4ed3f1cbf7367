import path from 'node:path';
import { runBackfill, type BackfillDeps, type BackfillRequest } from '../../../src/engine/backfill/run-backfill.js';
import type { BarPage, BarSource } from '../../../src/engine/ports/bar-source.js';
import { TIMEFRAME_MS, type Bar, type SeriesKey, type Timeframe } from '../../../src/engine/market/bars.js';
import { findGaps } from '../../../src/engine/market/expected-bar-times.js';
import { createSimulatedMarket } from '../../../src/engine/venues/sim/simulated-market.js';
import { createSimulatedBarSource } from '../../../src/engine/venues/sim/simulated-bar-source.js';
import type { BarStore } from '../../../src/engine/ports/bar-store.js';
import { createFileBarStore } from '../../../src/store/bar-store/create-file-bar-store.js';
import { makeTempDir } from '../../store/helpers.js';

export const NOW = new Date('2026-11-20T12:00:00Z');
export const HOUR = TIMEFRAME_MS['1h'];
export const DAY = TIMEFRAME_MS['1d'];

/** The simulated venue, seeded: the same bars on every run. */
export function createSimSource(clock: () => Date = () => NOW): BarSource {
  return createSimulatedBarSource(createSimulatedMarket({ clock }));
}

/** A real file bar store in a fresh temp dir (removed after the test). */
export async function createTempBarStore() {
  const dir = path.join(await makeTempDir(), 'bars');
  return { dir, store: createFileBarStore({ dir }) };
}

/** Closed bars a `days` window ending at `now` should hold: the counting done independently of the code. */
export function expectedBarCount(timeframe: Timeframe, days: number, now = NOW): number {
  const step = TIMEFRAME_MS[timeframe];
  const to = now.getTime();
  return Math.floor(to / step) - Math.ceil((to - days * DAY) / step);
}

export function runWith(store: BarStore, source: BarSource, request: BackfillRequest, extra: Partial<BackfillDeps> = {}) {
  return runBackfill({ source, store, clock: () => NOW, concurrency: 2, findGaps, ...extra }, request);
}

export const key = (venue: string, symbol: string, timeframe: Timeframe): SeriesKey => ({ venue, symbol, timeframe });

/** Every bar of a series, read from a fresh instance (what a restarted process would see). */
export async function readAll(dir: string, series: SeriesKey): Promise<Bar[]> {
  return createFileBarStore({ dir }).readRange(series, 0, Number.MAX_SAFE_INTEGER);
}

/** True when the bars are one run with no repeat and no hole. */
export function isContiguous(bars: readonly Bar[], timeframe: Timeframe): boolean {
  return bars.every((bar, i) => i === 0 || bar.t - (bars[i - 1] as Bar).t === TIMEFRAME_MS[timeframe]);
}

export function makeBars(from: number, count: number, timeframe: Timeframe = '1h'): Bar[] {
  return Array.from({ length: count }, (_, i) => ({ t: from + i * TIMEFRAME_MS[timeframe], o: 100, h: 101, l: 99, c: 100.5, v: 10 }));
}

export function fakeSource(venue: string, fetch: (symbol: string, timeframe: Timeframe, from: number, to: number) => AsyncIterable<BarPage>): BarSource {
  return { venue, fetchBars: (symbol, timeframe, from, to) => fetch(symbol, timeframe, from, to) };
}

export interface FetchRequest {
  readonly symbol: string;
  readonly timeframe: Timeframe;
  readonly from: number;
  readonly to: number;
}

/**
 * Wraps a source: records each request and calls `beforePage` before handing out each
 * page (numbered from 1 across the whole run), which may throw, wait or hang.
 */
export function wrapSource(inner: BarSource, beforePage: (page: number, request: FetchRequest) => Promise<void> | void = () => undefined) {
  const requests: FetchRequest[] = [];
  let pages = 0;
  const source: BarSource = {
    venue: inner.venue,
    async *fetchBars(symbol, timeframe, from, to, signal) {
      const request = { symbol, timeframe, from, to };
      requests.push(request);
      for await (const page of inner.fetchBars(symbol, timeframe, from, to, signal)) {
        await beforePage(++pages, request);
        yield page;
      }
    },
  };
  return { source, requests, pages: () => pages };
}

/** A promise that never settles: a process stuck here is as good as killed. */
export const never = () => new Promise<void>(() => undefined);
