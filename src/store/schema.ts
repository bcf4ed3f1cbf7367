import { z } from 'zod';

/**
 * The schema of `countersign.json`. Every load is validated against it after migrating
 * (DESIGN principle 9: zod at every boundary, the store file included).
 *
 * Objects are strict on purpose: a key this build does not know means the file came from
 * a newer build or was edited by hand, and accepting it would drop it on the next write.
 */

/** The version this build writes. Bump it together with a new entry in `migrations.ts`. */
export const CURRENT_STORE_VERSION = 2;

const isoTimestamp = z.iso.datetime({ offset: true });

export const MetaSchema = z.strictObject({
  createdAt: isoTimestamp,
  lastStartedAt: isoTimestamp.nullable(),
  startCount: z.int().nonnegative(),
});

/**
 * Operator settings changed from the chat. Give every new field a `.default()`: files
 * written before the field existed then load without a migration, and
 * `SettingsSchema.parse({})` keeps producing a complete value for new stores.
 */
export const SettingsSchema = z.strictObject({});

export const StoreSchema = z.strictObject({
  version: z.literal(CURRENT_STORE_VERSION),
  meta: MetaSchema,
  settings: SettingsSchema,
});

export type Meta = z.infer<typeof MetaSchema>;
export type Settings = z.infer<typeof SettingsSchema>;
export type StoreData = z.infer<typeof StoreSchema>;

/** The document a brand-new data directory starts with. */
export function createDefaultStoreData(now: Date): StoreData {
  return {
    version: CURRENT_STORE_VERSION,
    meta: { createdAt: now.toISOString(), lastStartedAt: null, startCount: 0 },
    settings: SettingsSchema.parse({}),
  };
}

/**
 * One line per problem, naming the field, e.g. `meta.startCount: Invalid input: expected int`.
 * `rootName` prefixes the paths when the validated value is itself a field (`settings`).
 */
export function formatZodIssues(error: z.ZodError, rootName?: string): string[] {
  return error.issues.map((issue) => {
    const segments = [...(rootName === undefined ? [] : [rootName]), ...issue.path.map(String)];
    const where = segments.length > 0 ? segments.join('.') : '(root)';
    return `${where}: ${issue.message}`;
  });
}
