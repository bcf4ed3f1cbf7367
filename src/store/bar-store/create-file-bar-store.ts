import { constants } from 'node:fs';
import { mkdir, open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import path from 'node:path';
import type { Bar, SeriesKey } from '../../engine/market/bars.js';
import type { BarStore } from '../../engine/ports/bar-store.js';
import { RECORD_BYTES, decodeBars, encodeBars } from './bar-record.js';
import { listSeriesFiles } from './list-series.js';
import { openSeriesIndex } from './open-series-index.js';
import { findFirstAfter, prepareBars } from './prepare-bars.js';
import { findLowerBound, readRecordBytes, writeRecordBytes, type SeriesIndex } from './series-file.js';
import { formatSeries, getSeriesPath } from './series-path.js';
import { syncDirectories } from './sync-directories.js';

export interface FileBarStoreOptions {
  /** `<dataDir>/bars`; created on the first append. */
  readonly dir: string;
  /**
   * fsync every append (and new folders). Off by default: a killed process loses nothing
   * either way (a finished `write` is in the OS cache), and bars lost to a power cut are
   * refetched, because the backfill resumes from `lastTimestamp`, which reads the file.
   */
  readonly fsync?: boolean;
  /** Told when opening a series cut off a torn tail, e.g. to log a warning. */
  readonly onTailDropped?: (event: { readonly series: SeriesKey; readonly path: string; readonly droppedBytes: number }) => void;
}

export interface BarStoreStats {
  readonly appended: number;
  /** Bars not appended because their time was not after the series' last (or repeated in the batch). */
  readonly skipped: number;
  /** Series files whose torn tail was cut off on open, and how many bytes that removed. */
  readonly repairedFiles: number;
  readonly droppedBytes: number;
}

export interface FileBarStore extends BarStore {
  readonly dir: string;
  getStats(): BarStoreStats;
  /** Resolves when every append started so far has finished (successfully or not). */
  flush(): Promise<void>;
}

interface SeriesState {
  readonly series: SeriesKey;
  readonly filePath: string;
  /** Replaced, never mutated: a read takes it once and is not disturbed by a concurrent append. */
  index: Readonly<SeriesIndex>;
  /** The end of this series' append chain: one append at a time per file. */
  queue: Promise<void>;
  /** A write failed, so bytes past `index.count` may be junk: cut them before writing again. */
  dirty: boolean;
}

/**
 * The bar store: one append-only file of fixed 48-byte records per series (see
 * bar-record.ts for the format and why). An index per series (count, first and last time)
 * is loaded on first use and kept in memory; reads touch only the records they return.
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
    const { droppedBytes, ...index } = await openSeriesIndex(filePath);
    if (droppedBytes > 0) {
      stats.repairedFiles += 1;
      stats.droppedBytes += droppedBytes;
      options.onTailDropped?.({ series, path: filePath, droppedBytes });
    }
    return { series, filePath, index, queue: Promise.resolve(), dirty: false };
  }

  async function appendNow(state: SeriesState, bars: readonly Bar[], received: number) {
    const fresh = bars.slice(findFirstAfter(bars, state.index.lastTime));
    const skipped = received - fresh.length;
    if (fresh.length === 0) {
      stats.skipped += skipped;
      return { appended: 0, skipped };
    }
    const { count } = state.index;
    const seriesDir = path.dirname(state.filePath);
    const createdDir = count === 0 ? await mkdir(seriesDir, { recursive: true }) : undefined;
    const handle = await open(state.filePath, constants.O_WRONLY | constants.O_CREAT, 0o644);
    try {
      if (state.dirty) await handle.truncate(count * RECORD_BYTES);
      await writeRecordBytes(handle, count, encodeBars(fresh));
      if (fsync) await handle.sync();
    } catch (error) {
      state.dirty = true;
      throw error;
    } finally {
      await handle.close();
    }
    state.dirty = false;
    if (fsync && count === 0) await syncDirectories(seriesDir, path.dirname(createdDir ?? seriesDir));
    const lastTime = (fresh[fresh.length - 1] as Bar).t;
    state.index = { count: count + fresh.length, firstTime: state.index.firstTime ?? (fresh[0] as Bar).t, lastTime };
    stats.appended += fresh.length;
    stats.skipped += skipped;
    return { appended: fresh.length, skipped };
  }

  async function readWith<T>(state: SeriesState, read: (handle: FileHandle) => Promise<T>): Promise<T> {
    const handle = await open(state.filePath, 'r');
    try {
      return await read(handle);
    } finally {
      await handle.close();
    }
  }

  return {
    dir,

    async append(series, bars) {
      // Validated and copied before the first await: the caller may reuse its array at once.
      const prepared = prepareBars(formatSeries(series), bars);
      const state = await getState(series);
      const run = state.queue.then(() => appendNow(state, prepared, bars.length));
      state.queue = run.then(
        () => undefined,
        () => undefined,
      );
      return run;
    },

    async readLast(series, wanted) {
      const state = await getState(series);
      const { count } = state.index;
      const take = Math.min(Math.floor(wanted), count);
      if (!(take > 0)) return [];
      return decodeBars(await readWith(state, (handle) => readRecordBytes(handle, count - take, count)));
    },

    async readRange(series, from, to) {
      const state = await getState(series);
      const index = state.index;
      const { firstTime, lastTime } = index;
      if (!(from < to) || firstTime === undefined || lastTime === undefined || to <= firstTime || from > lastTime) return [];
      const bytes = await readWith(state, async (handle) => {
        const start = await findLowerBound(handle, index, from);
        const end = await findLowerBound(handle, index, to);
        return readRecordBytes(handle, start, end);
      });
      return decodeBars(bytes);
    },

    async lastTimestamp(series) {
      return (await getState(series)).index.lastTime;
    },

    async count(series) {
      return (await getState(series)).index.count;
    },

    listSeries: () => listSeriesFiles(dir),

    getStats: () => ({ ...stats }),

    async flush() {
      const loaded = await Promise.allSettled(states.values());
      await Promise.all(loaded.map((result) => (result.status === 'fulfilled' ? result.value.queue : undefined)));
    },
  };
}
