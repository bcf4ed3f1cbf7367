import { open, readFile, stat, type FileHandle } from 'node:fs/promises';
import type { Adapter } from 'lowdb';
import { writeFileAtomically } from '../atomic-file.js';
import { StoreCorruptError } from '../errors.js';
import { hasErrnoCode } from '../has-errno-code.js';
import { createDocumentStringifier } from '../stringify-document.js';
import { DocumentDiffer } from './diff-document.js';
import { replayJournal } from './replay-journal.js';

/** A journal this much larger than the snapshot is folded into a new snapshot. */
const COMPACT_AT_LEAST_BYTES = 1_048_576;

/**
 * The store document as a snapshot (`countersign.json`) plus a journal of changes
 * (`countersign.journal`), both crash-safe:
 * - a change appends one line holding only what changed (one proposal, one queued card)
 *   and fdatasyncs it, instead of rewriting the whole document: with a thousand pending
 *   proposals the document is megabytes, and rewriting it on every change made an
 *   incoming signal wait ~150 ms;
 * - once the journal outgrows the snapshot, the next change writes a new snapshot
 *   atomically (temp file, fsync, rename) and empties the journal;
 * - opening replays the journal over the snapshot, drops a torn last line (never
 *   acknowledged) and folds the result into a fresh snapshot.
 *
 * A crash between the new snapshot and emptying the journal is harmless: replaying the old
 * lines over the new snapshot gives the same document, since each line sets what it
 * touches to its value at that time and later lines win.
 */
export class JournaledJsonFile<T extends object> implements Adapter<T> {
  readonly journalPath: string;
  readonly #stringify = createDocumentStringifier();
  readonly #differ = new DocumentDiffer(this.#stringify);
  #journal: FileHandle | undefined;
  #journalBytes = 0;
  #snapshotBytes = 0;
  /** Callers waiting for the next physical write; they all share it. */
  #waiting: Deferred | null = null;
  #latest: T | undefined;
  #drainLoop: Promise<void> | null = null;
  #lastError: unknown = null;
  /** A write failed part-way: the journal may end in a partial line, so the next write is a snapshot. */
  #mustSnapshot = false;

  /** The journal is folded once it outgrows the snapshot and this many bytes (tests make it small). */
  readonly #compactAtBytes: number;

  constructor(
    readonly filePath: string,
    options: { compactAtBytes?: number | undefined } = {},
  ) {
    this.journalPath = filePath.replace(/\.json$/, '') + '.journal';
    this.#compactAtBytes = options.compactAtBytes ?? COMPACT_AT_LEAST_BYTES;
  }

  /** The snapshot with the journal replayed over it, not validated yet; null when there is no snapshot. */
  async read(): Promise<T | null> {
    return (await this.load()).data;
  }

  /** As `read`, and whether the journal held anything (which `start` should then fold away). */
  async load(): Promise<{ data: T | null; journaled: boolean }> {
    const snapshot = await readText(this.filePath);
    if (snapshot === null) return { data: null, journaled: false };
    const data: unknown = parseJson(snapshot, this.filePath);
    const journal = (await readText(this.journalPath)) ?? '';
    // Not an object: the caller's validation names the problem.
    if (typeof data !== 'object' || data === null || Array.isArray(data)) return { data: data as T, journaled: false };
    replayJournal(data as Record<string, unknown>, journal, (line, reason) => {
      throw new StoreCorruptError(this.journalPath, `line ${line} of the journal is damaged: ${reason}`);
    });
    return { data: data as T, journaled: journal.length > 0 };
  }

  /**
   * Takes the validated document as what the files hold. With `rewrite` (a new store, a
   * migration, a journal to fold) it first writes it as the snapshot and empties the journal.
   */
  async start(data: T, rewrite: boolean): Promise<void> {
    if (rewrite) {
      await this.#writeSnapshot(data);
    } else {
      this.#snapshotBytes = (await stat(this.filePath)).size;
      // Stores from before the journal have none yet: created as durably as a snapshot.
      if ((await readText(this.journalPath)) === null) await writeFileAtomically(this.journalPath, '');
    }
    this.#differ.reset(data);
    this.#journal = await open(this.journalPath, 'a', 0o600);
    this.#journalBytes = (await this.#journal.stat()).size;
  }

  /**
   * Writes are serialized and coalesced: calls made while a write is in flight share the
   * next one, which holds the newest data. So every promise resolves only once data at
   * least as new as its caller's is on disk, and a burst of N updates costs two fsyncs.
   */
  write(data: T): Promise<void> {
    this.#latest = data;
    this.#waiting ??= createDeferred();
    const { promise } = this.#waiting;
    // Started in a microtask so that writes made in the same tick share the first round too.
    this.#drainLoop ??= Promise.resolve().then(() => this.#drain());
    return promise;
  }

  /** Resolves when nothing is queued or in flight; rejects if the latest write failed. */
  async flush(): Promise<void> {
    while (this.#drainLoop !== null) await this.#drainLoop;
    if (this.#lastError !== null) throw this.#lastError;
  }

  /** Flushes, then folds the journal into the snapshot, so that the snapshot alone holds everything. */
  async compact(): Promise<void> {
    await this.flush();
    if (this.#journalBytes === 0 || this.#latest === undefined) return;
    // Through the write queue, so that no change is appended while the snapshot is written
    // and then emptied away with the journal.
    this.#mustSnapshot = true;
    await this.write(this.#latest);
  }

  /** Compacts, then closes the journal. */
  async close(): Promise<void> {
    try {
      await this.compact();
    } finally {
      await this.#journal?.close();
      this.#journal = undefined;
    }
  }

  /** Bytes on disk, snapshot and journal. */
  sizeBytes(): number {
    return this.#snapshotBytes + this.#journalBytes;
  }

  async #drain(): Promise<void> {
    while (this.#waiting !== null) {
      const batch = this.#waiting;
      this.#waiting = null;
      const data = this.#latest as T;
      try {
        // Diffed synchronously, before any await: everyone in `batch` changed the data
        // before calling write(), so these operations hold all of their changes.
        const ops = this.#differ.diff(data);
        const line = `[${ops.join(',')}]\n`;
        const bytes = Buffer.byteLength(line);
        if (this.#mustSnapshot || this.#journalBytes + bytes > Math.max(this.#compactAtBytes, this.#snapshotBytes)) {
          await this.#writeSnapshot(data);
        } else if (ops.length > 0) {
          // A transaction that changed nothing costs no write and no fsync.
          await this.#append(line, bytes);
        }
        this.#lastError = null;
        batch.resolve();
      } catch (error) {
        this.#lastError = error;
        this.#mustSnapshot = true;
        batch.reject(error);
      }
    }
    this.#drainLoop = null;
  }

  async #append(line: string, bytes: number): Promise<void> {
    const journal = this.#journal;
    if (journal === undefined) throw new Error(`${this.journalPath} is not open for writing`);
    // Counted first: if the write fails part-way, the size is still an upper bound.
    this.#journalBytes += bytes;
    await journal.write(line);
    await journal.datasync();
  }

  /** The whole document as the new snapshot, then an empty journal. */
  async #writeSnapshot(data: T): Promise<void> {
    const text = `${this.#stringify(data).text}\n`;
    await writeFileAtomically(this.filePath, text);
    this.#snapshotBytes = Buffer.byteLength(text);
    if (this.#journal !== undefined) {
      await this.#journal.truncate(0);
      await this.#journal.datasync();
    } else {
      await writeFileAtomically(this.journalPath, '');
    }
    this.#journalBytes = 0;
    this.#mustSnapshot = false;
  }
}

async function readText(filePath: string): Promise<string | null> {
  try {
    return await readFile(filePath, 'utf8');
  } catch (error) {
    if (hasErrnoCode(error, 'ENOENT')) return null;
    throw error;
  }
}

function parseJson(text: string, filePath: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new StoreCorruptError(filePath, `it is not valid JSON (${detail})`, { cause: error });
  }
}

interface Deferred {
  promise: Promise<void>;
  resolve: () => void;
  reject: (error: unknown) => void;
}

function createDeferred(): Deferred {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}
