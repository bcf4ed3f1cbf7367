import type { Bar, SeriesKey } from '../market/bars.js';

/**
 * A run of bars the store holds for a series, as fetched: complete between its first and
 * last bar, as far as the venue had bars. A series is one stretch until older history is
 * fetched after newer history; the stretches never overlap.
 */
export interface StoredStretch {
  readonly first: number;
  readonly last: number;
  readonly count: number;
}

/**
 * Where bars are kept: not lowdb (rewriting one JSON file per change costs over a second
 * at 500k bars). Sorted per series, deduplicated by timestamp.
 */
export interface BarStore {
  /** Appends bars newer than the series' last one; older or equal timestamps are skipped. */
  append(series: SeriesKey, bars: readonly Bar[]): Promise<{ readonly appended: number; readonly skipped: number }>;
  /**
   * Stores every bar no stored stretch covers: newer than the last, older than the first
   * (history fetched later), or in the hole between two stretches. Bars within a stretch
   * are skipped: a stretch is already complete. The series stays sorted.
   */
  insert(series: SeriesKey, bars: readonly Bar[]): Promise<{ readonly appended: number; readonly skipped: number }>;
  /** The stored stretches, oldest first; empty for a series with no bars. */
  stretches(series: SeriesKey): Promise<readonly StoredStretch[]>;
  readLast(series: SeriesKey, count: number): Promise<Bar[]>;
  /** Bars with from ≤ t < to. */
  readRange(series: SeriesKey, from: number, to: number): Promise<Bar[]>;
  lastTimestamp(series: SeriesKey): Promise<number | undefined>;
  count(series: SeriesKey): Promise<number>;
  listSeries(): Promise<SeriesKey[]>;
}
