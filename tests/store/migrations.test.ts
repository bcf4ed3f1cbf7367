import { describe, expect, it } from 'vitest';
import { applyMigrations, migrateV1ToV2, migrations } from '../../src/store/migrations.js';
import { CURRENT_STORE_VERSION } from '../../src/store/schema.js';

describe('store migrations', () => {
  it('has one migration per version step up to the current version', () => {
    expect(migrations.length, 'versions 1..current need current - 1 steps').toBe(CURRENT_STORE_VERSION - 1);
  });

  it('moves createdAt into meta without touching its input', () => {
    const v1 = { version: 1, createdAt: '2024-06-01T12:00:00.000Z', settings: {} };
    const snapshot = structuredClone(v1);
    expect(migrateV1ToV2(v1), 'the version 2 shape').toEqual({
      version: 2,
      meta: { createdAt: '2024-06-01T12:00:00.000Z', lastStartedAt: null, startCount: 0 },
      settings: {},
    });
    expect(v1, 'migrations are pure: the original is kept for the backup').toEqual(snapshot);
  });

  it('rejects input that is not an object', () => {
    expect(() => migrateV1ToV2([]), 'an array is no version 1 document').toThrow(/JSON object/);
  });

  it('leaves a current document as it is', () => {
    const current = { version: CURRENT_STORE_VERSION };
    expect(applyMigrations(current, CURRENT_STORE_VERSION), 'nothing to apply').toBe(current);
  });
});
