import { countExpectedBars } from '../market/expected-bar-times.js';
import { TIMEFRAME_MS, type Timeframe } from '../market/bars.js';
import type { BarStore, StoredStretch } from '../ports/bar-store.js';
import type { BackfillPace } from './backfill-pace.js';
import type { BackfillRequest } from './run-backfill.js';

/** A stretch of time to fetch, and the closed bars the calendar expects in it. */
export interface FetchRange {
  readonly from: number;
  readonly to: number;
  readonly expectedBars: number;
}

export interface SeriesPlan {
  readonly symbol: string;
  readonly timeframe: Timeframe;
  /** Oldest first: fetched in this order, so every page lands in order. */
  readonly ranges: readonly FetchRange[];
  readonly expectedBars: number;
}

export interface BackfillPlan {
  readonly from: number;
  readonly to: number;
  readonly series: readonly SeriesPlan[];
  readonly expectedBars: number;
}

/**
 * What a backfill over `request.days` back from `now` has left to fetch, per series: the
 * time before the first stored bar, every hole between stored stretches (a run that
 * reached further back and was cut short), and the time after the last stored bar. The
 * store is the checkpoint: what it holds is never fetched again.
 */
export async function planBackfill(store: Pick<BarStore, 'stretches'>, request: BackfillRequest, now: number, pace: Pick<BackfillPace, 'alwaysOpen'>): Promise<BackfillPlan> {
  const to = now;
  const from = to - request.days * 86_400_000;
  const series: SeriesPlan[] = [];
  for (const symbol of request.symbols) {
    for (const timeframe of request.timeframes) {
      const stretches = await store.stretches({ venue: request.venue, symbol, timeframe });
      const ranges = findMissingRanges(stretches, timeframe, from, to).map((r) => ({ ...r, expectedBars: countClosedBars(symbol, timeframe, r.from, r.to, pace.alwaysOpen) }));
      const wanted = ranges.filter((r) => r.expectedBars > 0);
      series.push({ symbol, timeframe, ranges: wanted, expectedBars: wanted.reduce((n, r) => n + r.expectedBars, 0) });
    }
  }
  return { from, to, series, expectedBars: series.reduce((n, s) => n + s.expectedBars, 0) };
}

/** The parts of [from, to) no stored stretch covers. */
export function findMissingRanges(stretches: readonly StoredStretch[], timeframe: Timeframe, from: number, to: number): { from: number; to: number }[] {
  const step = TIMEFRAME_MS[timeframe];
  const missing: { from: number; to: number }[] = [];
  let cursor = from;
  for (const stretch of stretches) {
    if (stretch.first > cursor) missing.push({ from: cursor, to: Math.min(stretch.first, to) });
    cursor = Math.max(cursor, stretch.last + step);
    if (cursor >= to) break;
  }
  if (cursor < to) missing.push({ from: cursor, to });
  return missing.filter((r) => r.from < r.to);
}

/** Bars that have closed by `to`: the one still forming at `to` is neither fetched nor expected. */
export function countClosedBars(symbol: string, timeframe: Timeframe, from: number, to: number, alwaysOpen: boolean): number {
  const closedBy = to - TIMEFRAME_MS[timeframe] + 1;
  if (!alwaysOpen) return countExpectedBars(symbol, timeframe, from, closedBy);
  const step = TIMEFRAME_MS[timeframe];
  return Math.max(0, Math.ceil(closedBy / step) - Math.ceil(from / step));
}
