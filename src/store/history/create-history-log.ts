import { mkdir, open, readdir, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { StoreClosedError } from '../errors.js';
import { syncDirectory } from '../atomic-file.js';
import { formatLine, parseLine, readLineSummary, segmentNameOf, type HistoryEntry } from './history-line.js';
import { createHistoryIndex, type Location } from './history-index.js';
import { indexSegment } from './index-segment.js';

export type { HistoryEntry } from './history-line.js';

const SEGMENT_FILE = /^(\d{4}-\d{2})\.jsonl$/;
const READ_WINDOW_BYTES = 4 * 1024 * 1024;

export interface HistoryLog {
  /** Resolves once every entry is durably on disk (written and fsynced). */
  append(entries: readonly HistoryEntry[]): Promise<void>;
  has(kind: string, id: string): boolean;
  get<T>(kind: string, id: string): Promise<T | undefined>;
  /** The newest `limit` records of a kind, newest first. */
  latest<T>(kind: string, limit: number): Promise<HistoryEntry<T>[]>;
  /** Every current record of a kind archived at or after `since`, oldest first. */
  scan<T>(kind: string, since?: Date): AsyncGenerator<HistoryEntry<T>>;
  /**
   * The same, reading only each record's summary where it has one (much less to parse);
   * a record written without one comes whole, as `value`.
   */
  scanSummaries<S, T = unknown>(kind: string, since?: Date): AsyncGenerator<{ summary: S } | { value: T }>;
  count(kind: string): number;
  /** Called after each durable append, with what was appended. */
  onAppend(listener: (entries: readonly HistoryEntry[]) => void): () => void;
  close(): Promise<void>;
}

interface Segment {
  readonly name: string;
  readonly path: string;
  size: number;
  /** The promise, not the handle: concurrent reads must share one open. */
  reader?: Promise<FileHandle>;
}

/**
 * Append-only history in monthly JSON-lines segments (`DATA_DIR/history/2026-12.jsonl`).
 * Each record is written once and fsynced before `append` resolves; lookups by id and
 * windowed reads go through an index that is rebuilt on open. One process owns the data
 * directory (see data-dir-lock.ts), so there is no file locking here.
 */
export async function openHistoryLog(dir: string): Promise<HistoryLog> {
  await mkdir(dir, { recursive: true });
  const index = createHistoryIndex();
  const segments: Segment[] = [];
  const names = (await readdir(dir)).filter((name) => SEGMENT_FILE.test(name)).sort();
  for (const name of names) {
    const filePath = path.join(dir, name);
    const { size } = await indexSegment(filePath, segments.length, index);
    segments.push({ name: name.slice(0, 7), path: filePath, size });
  }

  const listeners = new Set<(entries: readonly HistoryEntry[]) => void>();
  let writer: { segment: Segment; number: number; handle: FileHandle } | undefined;
  let queue: { entries: HistoryEntry[]; waiting: { resolve: () => void; reject: (error: unknown) => void }[] } | undefined;
  let draining: Promise<void> | undefined;
  let closed = false;

  async function writerFor(name: string) {
    // Appends go to the newest segment; a clock that stepped back never reopens an old one.
    const newest = segments.at(-1);
    if (writer !== undefined && (newest === undefined || name <= newest.name)) return writer;
    if (newest === undefined || name > newest.name) {
      const segment: Segment = { name, path: path.join(dir, `${name}.jsonl`), size: 0 };
      const handle = await open(segment.path, 'a');
      await syncDirectory(dir);
      segments.push(segment);
      await writer?.handle.close();
      writer = { segment, number: segments.length - 1, handle };
      return writer;
    }
    writer = { segment: newest, number: segments.length - 1, handle: await open(newest.path, 'a') };
    return writer;
  }

  async function drain(): Promise<void> {
    while (queue !== undefined) {
      const batch = queue;
      queue = undefined;
      try {
        await writeBatch(batch.entries);
        for (const waiter of batch.waiting) waiter.resolve();
      } catch (error) {
        for (const waiter of batch.waiting) waiter.reject(error);
      }
    }
    draining = undefined;
  }

  async function writeBatch(entries: readonly HistoryEntry[]): Promise<void> {
    const lines = entries.map((entry) => ({ entry, text: Buffer.from(formatLine(entry), 'utf8') }));
    const target = await writerFor(segmentNameOf(entries.map((e) => e.at).sort().at(-1) ?? ''));
    const start = target.segment.size;
    try {
      await target.handle.write(Buffer.concat(lines.map((l) => l.text)), 0, undefined, start);
      await target.handle.datasync();
    } catch (error) {
      // Nothing of a failed batch may stay half-written in front of the next one.
      await target.handle.truncate(start).catch(() => undefined);
      throw error;
    }
    let offset = start;
    for (const { entry, text } of lines) {
      index.add(entry.kind, { segment: target.number, offset, length: text.length, at: entry.at, id: entry.id });
      offset += text.length;
    }
    target.segment.size = offset;
    for (const listener of listeners) listener(entries);
  }

  function readerOf(segment: number): Promise<FileHandle> {
    const target = segments[segment] as Segment;
    target.reader ??= open(target.path, 'r');
    return target.reader;
  }

  async function readOne<T>(location: Location): Promise<HistoryEntry<T> | undefined> {
    const buffer = Buffer.alloc(location.length);
    await (await readerOf(location.segment)).read(buffer, 0, location.length, location.offset);
    return parseLine<T>(buffer.toString('utf8'));
  }

  return {
    append(entries) {
      if (closed) return Promise.reject(new StoreClosedError(dir));
      if (entries.length === 0) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        queue ??= { entries: [], waiting: [] };
        queue.entries.push(...entries);
        queue.waiting.push({ resolve, reject });
        draining ??= Promise.resolve().then(drain);
      });
    },
    has: (kind, id) => index.has(kind, id),
    async get<T>(kind: string, id: string) {
      const location = index.get(kind, id);
      return location === undefined ? undefined : (await readOne<T>(location))?.value;
    },
    async latest<T>(kind: string, limit: number) {
      const entries = await Promise.all(index.latest(kind, limit).map((location) => readOne<T>(location)));
      return entries.filter((e): e is HistoryEntry<T> => e !== undefined);
    },
    async *scan<T>(kind: string, since?: Date) {
      yield* readLocations(index.list(kind, since?.toISOString()), readerOf, (line) => parseLine<T>(line));
    },
    async *scanSummaries<S, T = unknown>(kind: string, since?: Date) {
      yield* readLocations(index.list(kind, since?.toISOString()), readerOf, (line): { summary: S } | { value: T } | undefined => {
        const summary = readLineSummary<S>(line);
        if (summary !== undefined) return { summary };
        const entry = parseLine<T>(line);
        return entry === undefined ? undefined : { value: entry.value };
      });
    },
    count: (kind) => index.count(kind),
    onAppend(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      closed = true;
      while (draining !== undefined) await draining;
      await writer?.handle.close();
      writer = undefined;
      for (const segment of segments) {
        const reader = segment.reader;
        delete segment.reader;
        await (await reader)?.close();
      }
    },
  };
}

/** Reads many records in file order with a few large reads instead of one per record. */
async function* readLocations<R>(locations: readonly Location[], readerOf: (segment: number) => Promise<FileHandle>, parse: (line: string) => R | undefined): AsyncGenerator<R> {
  let window: { segment: number; start: number; buffer: Buffer; filled: number } | undefined;
  for (const location of locations) {
    const end = location.offset + location.length;
    if (window === undefined || window.segment !== location.segment || location.offset < window.start || end > window.start + window.filled) {
      const buffer = Buffer.alloc(Math.max(READ_WINDOW_BYTES, location.length));
      const { bytesRead } = await (await readerOf(location.segment)).read(buffer, 0, buffer.length, location.offset);
      window = { segment: location.segment, start: location.offset, buffer, filled: bytesRead };
    }
    const from = location.offset - window.start;
    const parsed = parse(window.buffer.toString('utf8', from, from + location.length));
    if (parsed !== undefined) yield parsed;
  }
}
