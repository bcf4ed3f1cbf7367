import { StoreCorruptError, StoreVersionError } from './errors.js';
import { applyMigrations } from './migrations.js';
import { CURRENT_STORE_VERSION, StoreSchema, formatZodIssues, type StoreData } from './schema.js';

export interface ParsedStoreData {
  data: StoreData;
  /** The version the file had when it needed migrating, else null (already current). */
  migratedFrom: number | null;
}

/**
 * Turns the parsed JSON of `countersign.json` into a current, validated document. It only
 * computes: the caller decides whether to write anything, so a file that fails here is
 * never touched.
 */
export function parseStoreData(raw: unknown, path: string): ParsedStoreData {
  const version = readVersion(raw, path);
  if (version > CURRENT_STORE_VERSION) throw new StoreVersionError(path, version, CURRENT_STORE_VERSION);

  const needsMigration = version < CURRENT_STORE_VERSION;
  let migrated: unknown;
  try {
    migrated = applyMigrations(raw, version);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new StoreCorruptError(path, `migrating it from version ${version} failed: ${detail}`, { cause: error });
  }

  // jitless: the document is parsed once per start, and compiling zod's fast path for each
  // of the schema's object shapes costs more than it saves (~1 ms of every start).
  const result = StoreSchema.safeParse(migrated, { jitless: true });
  if (!result.success) {
    const prefix = needsMigration ? `after migrating it from version ${version}, ` : '';
    const issues = formatZodIssues(result.error).join('; ');
    throw new StoreCorruptError(path, `${prefix}it does not match the version ${CURRENT_STORE_VERSION} schema (${issues})`, {
      cause: result.error,
    });
  }
  return { data: result.data, migratedFrom: needsMigration ? version : null };
}

function readVersion(raw: unknown, path: string): number {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new StoreCorruptError(path, 'its top level is not a JSON object');
  }
  const version = (raw as { version?: unknown }).version;
  if (version === undefined) throw new StoreCorruptError(path, 'it has no "version" field');
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new StoreCorruptError(path, `its "version" must be a positive integer, found ${JSON.stringify(version)}`);
  }
  return version;
}
