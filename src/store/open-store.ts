import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { Low } from 'lowdb';
import { createArchiver, archiveSettled, type Archiver } from './archive-settled.js';
import { removeLeftoverTempFiles, writeFileAtomically } from './atomic-file.js';
import { deepFreeze } from './deep-freeze.js';
import { acquireDataDirLock, type DataDirLock } from './data-dir-lock.js';
import { StoreClosedError } from './errors.js';
import { openHistoryLog, type HistoryLog } from './history/create-history-log.js';
import { importShadowLog } from './history/import-shadow-log.js';
import { JournaledJsonFile } from './journal/journaled-json-file.js';
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
  /** Fold the journal into a new snapshot past this size (default 1 MiB); crash tests make it small. */
  compactJournalAtBytes?: number;
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
    const adapter = new JournaledJsonFile<StoreData>(filePath, { compactAtBytes: options.compactJournalAtBytes });
    await removeLeftoverTempFiles(adapter.journalPath);
    const clock = options.clock ?? (() => new Date());
    const loaded = await loadOrCreate(adapter, clock);
    const history = await openHistoryLog(path.join(dataDir, 'history'));
    try {
      const store = createStore({ dataDir, adapter, lock, loaded, history, clock, onArchiveError: options.onArchiveError ?? (() => undefined) });
      // Older stores held every decision and everything settled: it moves out once, here.
      await importShadowLog(dataDir, history);
      await archiveSettled({ document: store.document, history, clock });
      // A migration leaves a snapshot of everything: what moved out goes from it now.
      await adapter.compact();
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

async function loadOrCreate(adapter: JournaledJsonFile<StoreData>, clock: () => Date): Promise<ParsedStoreData> {
  // Typed as unknown: nothing read from disk is trusted before the schema has seen it.
  const { data: raw, journaled }: { data: unknown; journaled: boolean } = await adapter.load();
  if (raw === null) {
    const data = freezeRecords(createDefaultStoreData(clock()));
    await adapter.start(data, true);
    return { data, migratedFrom: null };
  }
  const parsed = parseStoreData(raw, adapter.filePath);
  if (parsed.migratedFrom !== null) await backUpBeforeMigration(adapter, parsed.migratedFrom);
  // A migrated document, or one with changes in the journal, starts from a fresh snapshot.
  await adapter.start(freezeRecords(parsed.data), parsed.migratedFrom !== null || journaled);
  return parsed;
}

/**
 * Keeps the exact pre-migration bytes as `countersign.json.v<n>.bak` (and the journal's as
 * `countersign.journal.v<n>.bak`), durably, before the migrated document replaces them: a
 * migration bug must never cost the operator data.
 */
async function backUpBeforeMigration(adapter: JournaledJsonFile<StoreData>, fromVersion: number): Promise<void> {
  await writeFileAtomically(`${adapter.filePath}.v${fromVersion}.bak`, await readFile(adapter.filePath));
  const journal = await readFile(adapter.journalPath).catch(() => Buffer.alloc(0));
  if (journal.length > 0) await writeFileAtomically(`${adapter.journalPath}.v${fromVersion}.bak`, journal);
}

/**
 * The records the repositories replace rather than edit start frozen too, so that their
 * text is reused from the first write after a start (see stringify-document.ts).
 */
function freezeRecords(data: StoreData): StoreData {
  for (const record of Object.values(data.trading.proposals)) deepFreeze(record);
  for (const record of Object.values(data.trading.orders)) deepFreeze(record);
  for (const entry of data.outbox.entries) deepFreeze(entry);
  for (const record of Object.values(data.outbox.slots)) deepFreeze(record);
  for (const record of Object.values(data.signals.seen)) deepFreeze(record);
  for (const endpoint of Object.values(data.webhooks.endpoints)) for (const entry of endpoint.entries) deepFreeze(entry);
  return data;
}

interface StoreParts {
  dataDir: string;
  adapter: JournaledJsonFile<StoreData>;
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
    sizeBytes: async () => adapter.sizeBytes(),
    flush: () => adapter.flush(),
    close() {
      closing ??= (async () => {
        try {
          // An archive pass in flight finishes: it may have written history already.
          await archiver.idle();
          closed = true;
          await adapter.close();
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
