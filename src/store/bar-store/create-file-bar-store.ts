import type { Bar, SeriesKey } from '../../engine/market/bars.js';
import type { BarStore, StoredStretch } from '../../engine/ports/bar-store.js';
import { listSeriesFiles } from './list-series.js';
import { loadSeriesSegments, type Segment } from './load-series-segments.js';
import { planInsert, type PlannedWrite } from './plan-insert.js';
import { findFirstAfter, prepareBars } from './prepare-bars.js';
import { readLastAcross, readRangeAcross } from './read-segments.js';
import { formatSeries, getSegmentPath, getSeriesPath } from './series-path.js';
import { writeSegment } from './write-segment.js';

export interface FileBarStoreOptions {
  /** `<dataDir>/bars`; created on the first append. */
  readonly dir: string;
  /**
   * fsync every append (and new folders). Off by default: a killed process loses nothing
   * either way (a finished `write` is in the OS cache), and bars lost to a power cut are
   * refetched, because the backfill resumes from the stored stretches, which read the files.
   */
  readonly fsync?: boolean;
  /** Told when opening a series cut off a torn tail, e.g. to log a warning. */
  readonly onTailDropped?: (event: { readonly series: SeriesKey; readonly path: string; readonly droppedBytes: number }) => void;
}

export interface BarStoreStats {
  readonly appended: number;
  /** Bars not stored because a stored stretch already covers their time (or repeated in the batch). */
  readonly skipped: number;
  /** Series files whose torn tail was cut off on open, and how many bytes that removed. */
  readonly repairedFiles: number;
  readonly droppedBytes: number;
}

export interface FileBarStore extends BarStore {
  readonly dir: string;
  getStats(): BarStoreStats;
  /** Resolves when every write started so far has finished (successfully or not). */
  flush(): Promise<void>;
}

interface SeriesState {
  readonly series: SeriesKey;
  /** The main file: the newest bars, appended to as they close. */
  readonly filePath: string;
  /** Oldest first, main last. Replaced, never mutated: a read takes it once and is not disturbed by a concurrent write. */
  segments: readonly Segment[];
  /** The end of this series' write chain: one write at a time per series. */
  queue: Promise<void>;
  /** Files whose last write failed, so bytes past their last record may be junk: cut them before writing again. */
  readonly dirty: Set<string>;
}

/**
 * The bar store: per series, files of fixed 48-byte records (see bar-record.ts for the
 * format and why), each sorted and only ever appended to. The main file takes new bars;
 * history fetched later, older than everything stored, goes to an older segment file
 * beside it (see plan-insert.ts), so nothing is ever rewritten and a crash can only tear
 * the end of one file, which opening repairs. The segments of a series are loaded on
 * first use and kept in memory; reads touch only the records they return.
 * One process per data directory (the data-dir lock), so no file locking here.
 */
export function createFileBarStore(options: FileBarStoreOptions): FileBarStore {
  const { dir } = options;
  const fsync = options.fsync ?? false;
  const states = new Map<string, Promise<SeriesState>>();
  const stats = { appended: 0, skipped: 0, repairedFiles: 0, droppedBytes: 0 };

  function getState(series: SeriesKey): Promise<SeriesState> {
    const filePath = getSeriesPath(dir, series);
    let state = states.get(filePath);
    if (state === undefined) {
      state = loadState(series, filePath);
      states.set(filePath, state);
      // A failed load (EIO, EACCES) is retried on the next call instead of cached.
      state.catch(() => states.delete(filePath));
    }
    return state;
  }

  async function loadState(series: SeriesKey, filePath: string): Promise<SeriesState> {
    const { segments, repaired } = await loadSeriesSegments(filePath);
    for (const { filePath: path, droppedBytes } of repaired) {
      stats.repairedFiles += 1;
      stats.droppedBytes += droppedBytes;
      options.onTailDropped?.({ series, path, droppedBytes });
    }
    return { series, filePath, segments, queue: Promise.resolve(), dirty: new Set() };
  }

  /** Carries out the writes newest first, so a new oldest segment is added last and positions stay valid. */
  async function writeAll(state: SeriesState, writes: readonly PlannedWrite[]): Promise<number> {
    let appended = 0;
    for (const write of [...writes].reverse()) {
      const isNew = write.target === 'new';
      const segment: Segment = isNew
        ? { filePath: getSegmentPath(state.filePath, (write.bars[0] as Bar).t), index: { count: 0, firstTime: undefined, lastTime: undefined } }
        : (state.segments[write.target as number] as Segment);
      let index;
      try {
        index = await writeSegment({ segment, bars: write.bars, isNew, dirty: state.dirty.has(segment.filePath), fsync });
      } catch (error) {
        state.dirty.add(segment.filePath);
        throw error;
      }
      state.dirty.delete(segment.filePath);
      const written = { filePath: segment.filePath, index };
      state.segments = isNew ? [written, ...state.segments] : state.segments.map((s, i) => (i === write.target ? written : s));
      appended += write.bars.length;
      stats.appended += write.bars.length;
    }
    return appended;
  }

  /** Runs a write after the series' earlier ones; validated and copied before the first await. */
  async function enqueue(series: SeriesKey, bars: readonly Bar[], plan: (state: SeriesState, prepared: readonly Bar[]) => readonly PlannedWrite[]) {
    const prepared = prepareBars(formatSeries(series), bars);
    const state = await getState(series);
    const run = state.queue.then(async () => {
      const appended = await writeAll(state, plan(state, prepared));
      // Repeats within the batch count as skipped too: every bar handed in is accounted for.
      const skipped = bars.length - appended;
      stats.skipped += skipped;
      return { appended, skipped };
    });
    state.queue = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  const filled = (state: SeriesState) => state.segments.filter((s) => s.index.count > 0);

  return {
    dir,

    append: (series, bars) =>
      enqueue(series, bars, (state, prepared) => {
        const fresh = prepared.slice(findFirstAfter(prepared, filled(state).at(-1)?.index.lastTime));
        return fresh.length === 0 ? [] : [{ target: state.segments.length - 1, bars: fresh }];
      }),

    insert: (series, bars) => enqueue(series, bars, (state, prepared) => planInsert(state.segments.map((s) => s.index), prepared).writes),

    async stretches(series): Promise<StoredStretch[]> {
      return filled(await getState(series)).map(({ index }) => ({ first: index.firstTime as number, last: index.lastTime as number, count: index.count }));
    },

    readLast: async (series, wanted) => readLastAcross((await getState(series)).segments, wanted),

    readRange: async (series, from, to) => readRangeAcross((await getState(series)).segments, from, to),

    async lastTimestamp(series) {
      return filled(await getState(series)).at(-1)?.index.lastTime;
    },

    async count(series) {
      return (await getState(series)).segments.reduce((sum, s) => sum + s.index.count, 0);
    },

    listSeries: () => listSeriesFiles(dir),

    getStats: () => ({ ...stats }),

    async flush() {
      const loaded = await Promise.allSettled(states.values());
      await Promise.all(loaded.map((result) => (result.status === 'fulfilled' ? result.value.queue : undefined)));
    },
  };
}
