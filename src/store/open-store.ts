import { mkdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { Low } from 'lowdb';
import { createArchiver, archiveSettled, type Archiver } from './archive-settled.js';
import { AtomicJsonFile, removeLeftoverTempFiles, writeFileAtomically } from './atomic-json-file.js';
import { acquireDataDirLock, type DataDirLock } from './data-dir-lock.js';
import { StoreClosedError } from './errors.js';
import { openHistoryLog, type HistoryLog } from './history/create-history-log.js';
import { importShadowLog } from './history/import-shadow-log.js';
import { parseStoreData, type ParsedStoreData } from './parse-store-data.js';
import { createDefaultStoreData, type StoreData } from './schema.js';

export const STORE_FILE_NAME = 'countersign.json';

/**
 * The one gateway to `db.data`. Only the repositories in src/store use it; everything
 * else goes through them, so every change is validated and persisted the same way.
 */
export interface StoreDocument {
  /** The live in-memory document: do not mutate it, and copy what you hand out. */
  read(): StoreData;
  /**
   * Applies `mutate` to the document and resolves once the result is durably on disk.
   * If the write fails, memory is ahead of disk until the next successful write.
   */
  update(mutate: (data: StoreData) => void): Promise<void>;
}

export interface Store {
  /** Absolute path of `countersign.json`. */
  readonly path: string;
  /** Absolute path of the data directory. */
  readonly dataDir: string;
  /** The schema version this open migrated the file from, or null; worth a log line. */
  readonly migratedFromVersion: number | null;
  readonly document: StoreDocument;
  /** Settled proposals, final orders, decisions: `DATA_DIR/history/YYYY-MM.jsonl`. */
  readonly history: HistoryLog;
  /** Moves what settles out of the document into the history, in the background. */
  readonly archiver: Archiver;
  sizeBytes(): Promise<number>;
  /** Resolves once every queued write is on disk; rejects if the latest one failed. */
  flush(): Promise<void>;
  /** Flushes, then releases the data directory lock. Later writes throw StoreClosedError. */
  close(): Promise<void>;
}

export interface OpenStoreOptions {
  dataDir: string;
  /** Stamps `meta.createdAt` of a new store; injected so tests are deterministic. */
  clock?: () => Date;
  /** A background archive pass failed; the next change tries again. */
  onArchiveError?: (error: unknown) => void;
}

/**
 * Locks the data directory, then loads `countersign.json`: creates it if missing,
 * migrates and rewrites it if old, and refuses (without touching it) if it is corrupt or
 * newer than this build. Throws StoreCorruptError, StoreVersionError or DataDirLockedError.
 */
export async function openStore(options: OpenStoreOptions): Promise<Store> {
  const dataDir = path.resolve(options.dataDir);
  await mkdir(dataDir, { recursive: true });
  // The lock names the directory as the operator wrote it (e.g. ./data) in its message.
  const lock = await acquireDataDirLock(options.dataDir);
  try {
    const filePath = path.join(dataDir, STORE_FILE_NAME);
    await removeLeftoverTempFiles(filePath);
    const adapter = new AtomicJsonFile<StoreData>(filePath);
    const clock = options.clock ?? (() => new Date());
    const loaded = await loadOrCreate(adapter, clock);
    const history = await openHistoryLog(path.join(dataDir, 'history'));
    try {
      const store = createStore({ dataDir, adapter, lock, loaded, history, clock, onArchiveError: options.onArchiveError ?? (() => undefined) });
      // Older stores held every decision and everything settled: it moves out once, here.
      await importShadowLog(dataDir, history);
      await archiveSettled({ document: store.document, history, clock });
      return store;
    } catch (error) {
      await history.close();
      throw error;
    }
  } catch (error) {
    await lock.release();
    throw error;
  }
}

async function loadOrCreate(adapter: AtomicJsonFile<StoreData>, clock: () => Date): Promise<ParsedStoreData> {
  // Typed as unknown: nothing read from disk is trusted before the schema has seen it.
  const raw: unknown = await adapter.read();
  if (raw === null) {
    const data = createDefaultStoreData(clock());
    await adapter.write(data);
    return { data, migratedFrom: null };
  }
  const parsed = parseStoreData(raw, adapter.filePath);
  if (parsed.migratedFrom !== null) {
    await backUpBeforeMigration(adapter.filePath, parsed.migratedFrom);
    await adapter.write(parsed.data);
  }
  return parsed;
}

/**
 * Keeps the exact pre-migration bytes as `countersign.json.v<n>.bak`, durably, before the
 * migrated document replaces them: a migration bug must never cost the operator data.
 */
async function backUpBeforeMigration(filePath: string, fromVersion: number): Promise<void> {
  const original = await readFile(filePath);
  await writeFileAtomically(`${filePath}.v${fromVersion}.bak`, original);
}

interface StoreParts {
  dataDir: string;
  adapter: AtomicJsonFile<StoreData>;
  lock: DataDirLock;
  loaded: ParsedStoreData;
  history: HistoryLog;
  clock: () => Date;
  onArchiveError: (error: unknown) => void;
}

function createStore({ dataDir, adapter, lock, loaded, history, clock, onArchiveError }: StoreParts): Store {
  const db = new Low<StoreData>(adapter, loaded.data);
  let closed = false;
  let closing: Promise<void> | undefined;
  const document: StoreDocument = {
    read: () => db.data,
    async update(mutate) {
      // Without the lock another process may own the file by now.
      if (closed) throw new StoreClosedError(adapter.filePath);
      await db.update(mutate);
    },
  };
  const archiver = createArchiver({ document, history, clock }, onArchiveError);
  return {
    path: adapter.filePath,
    dataDir,
    migratedFromVersion: loaded.migratedFrom,
    document,
    history,
    archiver,
    sizeBytes: async () => (await stat(adapter.filePath)).size,
    flush: () => adapter.flush(),
    close() {
      closing ??= (async () => {
        try {
          // An archive pass in flight finishes: it may have written history already.
          await archiver.idle();
          closed = true;
          await adapter.flush();
          await history.close();
        } finally {
          closed = true;
          await lock.release();
        }
      })();
      return closing;
    },
  };
}
