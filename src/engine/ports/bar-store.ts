import type { Bar, SeriesKey } from '../market/bars.js';

/**
 * Where bars are kept: not lowdb (rewriting one JSON file per change costs over a second
 * at 500k bars). Append-only per series, deduplicated by timestamp.
 */
export interface BarStore {
  /** Appends bars newer than the series' last one; older or equal timestamps are skipped. */
  append(series: SeriesKey, bars: readonly Bar[]): Promise<{ readonly appended: number; readonly skipped: number }>;
  readLast(series: SeriesKey, count: number): Promise<Bar[]>;
  /** Bars with from ≤ t < to. */
  readRange(series: SeriesKey, from: number, to: number): Promise<Bar[]>;
  lastTimestamp(series: SeriesKey): Promise<number | undefined>;
  count(series: SeriesKey): Promise<number>;
  listSeries(): Promise<SeriesKey[]>;
}
