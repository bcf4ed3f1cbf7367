import * as z from 'zod';
import { THRESHOLD_KEYS } from '../engine/settings/threshold-settings.js';
import type { ThresholdOverride } from '../engine/settings/threshold-override.js';

const isoTimestamp = z.iso.datetime({ offset: true });

export const ThresholdOverrideSchema: z.ZodType<ThresholdOverride> = z.strictObject({
  value: z.number().finite(),
  by: z.int(),
  byName: z.string(),
  at: isoTimestamp,
  reason: z.string().optional(),
  expiresAt: isoTimestamp.optional(),
  // A temporary value over a temporary value nests; each level is validated the same way.
  previous: z.lazy(() => ThresholdOverrideSchema).optional(),
  configValue: z.number().finite(),
});

/**
 * Threshold overrides per account, and the number of the last recorded change (the audit
 * itself is in the history, kind `setting_change`). Defaulted, so files written before it
 * existed load without a migration (see SettingsSchema).
 */
export const ThresholdSettingsSchema = z.strictObject({
  version: z.int().nonnegative(),
  accounts: z.record(z.string(), z.partialRecord(z.enum(THRESHOLD_KEYS), ThresholdOverrideSchema)),
});

/** A function, so no two documents ever share one default object. */
export const EMPTY_THRESHOLD_SETTINGS = (): z.infer<typeof ThresholdSettingsSchema> => ({ version: 0, accounts: {} });
