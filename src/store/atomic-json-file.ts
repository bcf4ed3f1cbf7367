import { open, readFile, readdir, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { Adapter } from 'lowdb';
import { StoreCorruptError } from './errors.js';
import { hasErrnoCode } from './has-errno-code.js';

/**
 * A lowdb adapter that survives a crash at any instant: the file on disk is always either
 * the previous complete document or the new one, never a torn mix (DESIGN principle 6).
 *
 * lowdb's own JSONFile is not used: its preset keeps data in memory under NODE_ENV=test,
 * and we need the promise of `write()` to mean "durably on disk" (fsync'd file and
 * directory), which is what lets callers acknowledge a change.
 */
export class AtomicJsonFile<T> implements Adapter<T> {
  /** Callers waiting for the next physical write; they all share it. */
  #waiting: Deferred | null = null;
  #latest: T | undefined;
  #drainLoop: Promise<void> | null = null;
  #lastError: unknown = null;
  /** What the file holds now, as far as this process knows: an unchanged document is not rewritten. */
  #onDisk: string | undefined;

  constructor(readonly filePath: string) {}

  /** The parsed JSON, or null when the file does not exist yet. */
  async read(): Promise<T | null> {
    let text: string;
    try {
      text = await readFile(this.filePath, 'utf8');
    } catch (error) {
      if (hasErrnoCode(error, 'ENOENT')) return null;
      throw error;
    }
    this.#onDisk = text;
    try {
      return JSON.parse(text) as T;
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      throw new StoreCorruptError(this.filePath, `it is not valid JSON (${detail})`, { cause: error });
    }
  }

  /**
   * Writes are serialized (one writer per file) and coalesced: calls made while a write is
   * in flight share the next one, which serializes the newest data. So every promise
   * resolves only once data at least as new as its caller's is on disk, and a burst of N
   * updates costs two fsync rounds instead of N.
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

  async #drain(): Promise<void> {
    while (this.#waiting !== null) {
      const batch = this.#waiting;
      this.#waiting = null;
      // Serialize synchronously, before any await: everyone in `batch` changed the data
      // before calling write(), so this text holds all of their changes.
      const text = `${JSON.stringify(this.#latest)}\n`;
      try {
        // A transaction that changed nothing costs no write and no fsync.
        if (text !== this.#onDisk) await writeFileAtomically(this.filePath, text);
        this.#onDisk = text;
        this.#lastError = null;
        batch.resolve();
      } catch (error) {
        this.#lastError = error;
        batch.reject(error);
      }
    }
    this.#drainLoop = null;
  }
}

let tempFileCounter = 0;

/** Temp file, fsync, rename over the target, fsync the directory so the rename itself is durable. */
export async function writeFileAtomically(filePath: string, content: string | Uint8Array): Promise<void> {
  tempFileCounter += 1;
  // Same directory as the target: rename is only atomic within one file system.
  const tempPath = `${filePath}.${process.pid}.${tempFileCounter}.tmp`;
  try {
    const handle = await open(tempPath, 'wx', 0o600);
    try {
      await handle.writeFile(content);
      // Data and size are what a reader needs; fdatasync skips the timestamps.
      await handle.datasync();
    } finally {
      await handle.close();
    }
    await rename(tempPath, filePath);
  } catch (error) {
    await unlink(tempPath).catch(() => undefined);
    throw error;
  }
  await syncDirectory(path.dirname(filePath));
}

/**
 * Deletes temp files a killed writer left behind for `filePath` or its siblings named
 * `<file>.<suffix>` (the migration backups). Only call it while holding the data directory
 * lock: then no live process can be writing one of them.
 */
export async function removeLeftoverTempFiles(filePath: string): Promise<void> {
  const dir = path.dirname(filePath);
  const pattern = new RegExp(`^${escapeRegExp(path.basename(filePath))}(\\..+)?\\.\\d+\\.\\d+\\.tmp$`);
  const names = await readdir(dir);
  await Promise.all(
    names.filter((name) => pattern.test(name)).map((name) => unlink(path.join(dir, name)).catch(() => undefined)),
  );
}

/** fsync on a directory makes a created or renamed entry in it durable. */
export async function syncDirectory(dir: string): Promise<void> {
  // Windows cannot open a directory for fsync; NTFS journals the rename on its own.
  if (process.platform === 'win32') return;
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
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
