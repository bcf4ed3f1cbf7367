import { existsSync } from 'node:fs';
import { readFile, readdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { StoreClosedError, StoreCorruptError, StoreVersionError } from '../../src/store/errors.js';
import { createMetaRepository } from '../../src/store/meta-repository.js';
import { STORE_FILE_NAME, openStore, type OpenStoreOptions, type Store } from '../../src/store/open-store.js';
import { StoreSchema } from '../../src/store/schema.js';
import { makeTempDir } from './helpers.js';

const CREATED_AT = new Date('2025-01-02T03:04:05.000Z');

async function open(options: OpenStoreOptions): Promise<Store> {
  const store = await openStore({ clock: () => CREATED_AT, ...options });
  onTestFinished(() => store.close());
  return store;
}

async function readJson(file: string): Promise<unknown> {
  return JSON.parse(await readFile(file, 'utf8')) as unknown;
}

describe('openStore on a new data directory', () => {
  it('creates the directory tree and a valid version 3 file', async () => {
    const dataDir = path.join(await makeTempDir(), 'nested', 'data');
    const store = await open({ dataDir });

    expect(store.path, 'path is absolute and named countersign.json').toBe(path.join(dataDir, STORE_FILE_NAME));
    expect(store.dataDir, 'dataDir is the absolute directory').toBe(dataDir);
    expect(store.migratedFromVersion, 'a new file needs no migration').toBeNull();
    const onDisk = await readJson(store.path);
    expect(StoreSchema.safeParse(onDisk).success, 'the created file passes the current schema').toBe(true);
    expect(onDisk, 'defaults stamped with the injected clock').toEqual({
      version: 3,
      meta: { createdAt: CREATED_AT.toISOString(), lastStartedAt: null, startCount: 0 },
      settings: { thresholds: { version: 0, accounts: {} } },
      paperLedgers: {},
      trading: { proposals: {}, orders: {}, controls: { paused: false, halted: false }, activity: {} },
      watchlists: {},
      backfills: {},
      alerts: { outbox: [], acknowledged: [], chats: {} },
      outbox: { entries: [], slots: {}, chats: {} },
      webhooks: { endpoints: {} },
      signals: { seen: {} },
      inbound: { processed: [], intents: [] },
    });
    expect(await store.sizeBytes(), 'sizeBytes reports the file size').toBe((await stat(store.path)).size);
  });

  it('keeps data across close and reopen, including recordStart', async () => {
    const dataDir = await makeTempDir();
    const first = await openStore({ dataDir, clock: () => CREATED_AT });
    const startedAt = new Date('2025-02-03T04:05:06.000Z');
    await createMetaRepository(first).recordStart(startedAt);
    await first.close();

    const expected = { createdAt: CREATED_AT.toISOString(), lastStartedAt: startedAt.toISOString(), startCount: 1 };
    expect((await readJson(first.path)) as object, 'recordStart is on disk after close').toMatchObject({ meta: expected });
    const second = await open({ dataDir, clock: () => new Date('2030-01-01T00:00:00Z') });
    expect(createMetaRepository(second).get(), 'reopen sees the persisted meta, not new defaults').toEqual(expected);
  });

  it('does not rewrite a current file when opening it', async () => {
    const dataDir = await makeTempDir();
    await (await openStore({ dataDir, clock: () => CREATED_AT })).close();
    const file = path.join(dataDir, STORE_FILE_NAME);
    const before = await readFile(file);
    const store = await open({ dataDir });
    expect(await readFile(file), 'opening alone must not touch the file').toEqual(before);
    expect(store.migratedFromVersion, 'no migration for a current file').toBeNull();
  });

  it('refuses writes after close, and close is idempotent', async () => {
    const store = await openStore({ dataDir: await makeTempDir() });
    await store.close();
    await store.close();
    await expect(createMetaRepository(store).recordStart(new Date()), 'no lock, no writes').rejects.toBeInstanceOf(
      StoreClosedError,
    );
  });
});

describe('openStore migrations', () => {
  const v1 = { version: 1, createdAt: '2024-06-01T12:00:00.000Z', settings: {} };

  it('migrates a version 1 file to the current version and keeps a backup of the original bytes', async () => {
    const dataDir = await makeTempDir();
    const file = path.join(dataDir, STORE_FILE_NAME);
    const original = `${JSON.stringify(v1)}\n`;
    await writeFile(file, original);

    const store = await open({ dataDir });

    expect(store.migratedFromVersion, 'the open reports what it migrated from').toBe(1);
    expect(await readJson(file), 'the file on disk is now version 3').toEqual({
      version: 3,
      meta: { createdAt: v1.createdAt, lastStartedAt: null, startCount: 0 },
      // Defaulted fields fill in on load: no migration of their own.
      settings: { thresholds: { version: 0, accounts: {} } },
      paperLedgers: {},
      trading: { proposals: {}, orders: {}, controls: { paused: false, halted: false }, activity: {} },
      watchlists: {},
      backfills: {},
      alerts: { outbox: [], acknowledged: [], chats: {} },
      outbox: { entries: [], slots: {}, chats: {} },
      webhooks: { endpoints: {} },
      signals: { seen: {} },
      inbound: { processed: [], intents: [] },
    });
    expect(await readFile(`${file}.v1.bak`, 'utf8'), 'backup holds the exact pre-migration bytes').toBe(original);
  });

  it('does not migrate again on the next open', async () => {
    const dataDir = await makeTempDir();
    await writeFile(path.join(dataDir, STORE_FILE_NAME), JSON.stringify(v1));
    await (await openStore({ dataDir })).close();
    const store = await open({ dataDir });
    expect(store.migratedFromVersion, 'already current').toBeNull();
  });
});

describe('openStore on a bad file', () => {
  const cases = [
    { name: 'bad JSON', bytes: '{"version": 2, "meta": ', error: StoreCorruptError, says: 'not valid JSON' },
    { name: 'a JSON array', bytes: '[]', error: StoreCorruptError, says: 'not a JSON object' },
    { name: 'no version', bytes: '{"settings":{}}', error: StoreCorruptError, says: 'no "version" field' },
    {
      name: 'valid JSON of the wrong shape',
      bytes: JSON.stringify({ version: 2, meta: { createdAt: 'yesterday', startCount: -1 }, settings: {} }),
      error: StoreCorruptError,
      says: 'meta.startCount',
    },
    {
      name: 'a version 1 file that cannot be migrated',
      bytes: JSON.stringify({ version: 1, settings: {} }),
      error: StoreCorruptError,
      says: 'after migrating it from version 1',
    },
    { name: 'version 99', bytes: JSON.stringify({ version: 99 }), error: StoreVersionError, says: 'supports versions up to 3' },
  ];

  it.each(cases)('stops on $name with a clear typed error and leaves the file untouched', async (testCase) => {
    const dataDir = await makeTempDir();
    const file = path.join(dataDir, STORE_FILE_NAME);
    await writeFile(file, testCase.bytes);

    const error: unknown = await openStore({ dataDir }).catch((caught: unknown) => caught);

    expect(error, 'the typed error a program can act on').toBeInstanceOf(testCase.error);
    const message = (error as Error).message;
    expect(message, 'names the file').toContain(file);
    expect(message, 'says what is wrong').toContain(testCase.says);
    expect(message, 'says the file was left alone').toContain('did not change it');
    expect(await readFile(file, 'utf8'), 'the file is never overwritten').toBe(testCase.bytes);
    expect(await readdir(dataDir), 'no backup, temp or lock file is left behind').toEqual([STORE_FILE_NAME]);
  });

  it('reports the fields of a version error', async () => {
    const dataDir = await makeTempDir();
    await writeFile(path.join(dataDir, STORE_FILE_NAME), JSON.stringify({ version: 99 }));
    const error = (await openStore({ dataDir }).catch((caught: unknown) => caught)) as StoreVersionError;
    expect({ found: error.found, supported: error.supported, code: error.code }, 'fields to act on').toEqual({
      found: 99,
      supported: 3,
      code: 'store_version_unsupported',
    });
  });
});

describe('openStore with leftovers of a killed writer', () => {
  it('ignores and removes stale temp files, keeping unrelated files', async () => {
    const dataDir = await makeTempDir();
    await (await openStore({ dataDir })).close();
    const leftovers = ['countersign.json.4242.7.tmp', 'countersign.json.v1.bak.4242.1.tmp'];
    for (const name of leftovers) await writeFile(path.join(dataDir, name), '{"torn":');
    await writeFile(path.join(dataDir, 'notes.tmp'), 'mine');

    await open({ dataDir });

    for (const name of leftovers) expect(existsSync(path.join(dataDir, name)), `${name} is cleaned up`).toBe(false);
    expect(existsSync(path.join(dataDir, 'notes.tmp')), 'files that are not ours stay').toBe(true);
  });
});
