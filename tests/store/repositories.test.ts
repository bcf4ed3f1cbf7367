import { describe, expect, it, onTestFinished } from 'vitest';
import { InvalidSettingsError } from '../../src/store/errors.js';
import { createMetaRepository } from '../../src/store/meta-repository.js';
import { openStore, type Store } from '../../src/store/open-store.js';
import { StoreSchema } from '../../src/store/schema.js';
import { createSettingsRepository } from '../../src/store/settings-repository.js';
import { makeTempDir } from './helpers.js';
import { readDurableDocument } from '../helpers/read-durable-document.js';

async function openTempStore(): Promise<Store> {
  const store = await openStore({ dataDir: await makeTempDir() });
  onTestFinished(() => store.close());
  return store;
}

describe('meta repository', () => {
  it('persists the last of 50 un-awaited updates once flushed, as valid JSON', async () => {
    const store = await openTempStore();
    const meta = createMetaRepository(store);
    const base = Date.parse('2025-03-01T00:00:00.000Z');

    const pending = Array.from({ length: 50 }, (_, i) => meta.recordStart(new Date(base + i * 1000)));
    await store.flush();

    const onDisk = StoreSchema.parse(await readDurableDocument(store.path));
    expect(onDisk.meta, 'the file holds the final state').toEqual({
      createdAt: meta.get().createdAt,
      startCount: 50,
      lastStartedAt: new Date(base + 49_000).toISOString(),
    });
    await expect(Promise.all(pending), 'every caller is told its write is durable').resolves.toHaveLength(50);
  });

  it('hands out copies, so callers cannot change the store behind its back', async () => {
    const meta = createMetaRepository(await openTempStore());
    meta.get().startCount = 99;
    expect(meta.get().startCount, 'only recordStart changes it').toBe(0);
  });

  it('rejects an invalid date before changing anything', async () => {
    const meta = createMetaRepository(await openTempStore());
    await expect(meta.recordStart(new Date(Number.NaN)), 'no half-recorded start').rejects.toThrow(RangeError);
    expect(meta.get().startCount, 'the count is unchanged').toBe(0);
  });
});

/** A new store's settings: no threshold changed from the chat yet. */
const NO_THRESHOLDS = { thresholds: { version: 0, accounts: {} } };

describe('settings repository', () => {
  it('returns the stored settings and persists an update', async () => {
    const store = await openTempStore();
    const settings = createSettingsRepository(store);
    expect(await settings.update({}), 'an empty patch keeps the settings').toEqual(NO_THRESHOLDS);
    expect(settings.get(), 'get matches what update returned').toEqual(NO_THRESHOLDS);
  });

  it.each([
    { name: 'an unknown field', patch: { noSuchSetting: true } },
    { name: 'null', patch: null },
    { name: 'an array', patch: [1] },
  ])('rejects $name with a typed error and changes nothing', async ({ patch }) => {
    const store = await openTempStore();
    const settings = createSettingsRepository(store);
    const before = await readDurableDocument(store.path);

    const error = (await settings.update(patch as never).catch((caught: unknown) => caught)) as InvalidSettingsError;

    expect(error, 'typed so the chat can show what was wrong').toBeInstanceOf(InvalidSettingsError);
    expect(error.issues.length, 'names at least one problem').toBeGreaterThan(0);
    expect(settings.get(), 'memory unchanged').toEqual(NO_THRESHOLDS);
    expect(await readDurableDocument(store.path), 'disk unchanged').toEqual(before);
  });
});
