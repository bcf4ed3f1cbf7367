import { InvalidSettingsError } from './errors.js';
import type { Store } from './open-store.js';
import { SettingsSchema, formatZodIssues, type Settings } from './schema.js';

export interface SettingsRepository {
  /** A copy: changing it changes nothing. */
  get(): Settings;
  /**
   * Merges `patch` into the settings, validates the result and resolves with it once it is
   * on disk. Invalid input (wrong type, unknown key) throws InvalidSettingsError and
   * changes nothing. Keys set to `undefined` are ignored rather than reset.
   */
  update(patch: Partial<Settings>): Promise<Settings>;
}

/** Operator settings changed from the chat (pause, thresholds, ...), surviving restarts. */
export function createSettingsRepository(store: Pick<Store, 'document'>): SettingsRepository {
  const { document } = store;
  return {
    get: () => structuredClone(document.read().settings),
    async update(patch) {
      // Merged and validated synchronously against the current value, so concurrent
      // updates apply in call order and none of them sees a stale base.
      const next = mergeSettings(document.read().settings, patch);
      await document.update((data) => {
        data.settings = next;
      });
      return structuredClone(next);
    },
  };
}

function mergeSettings(current: Settings, patch: unknown): Settings {
  // The patch may come from chat input at runtime, whatever its static type says.
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) {
    throw new InvalidSettingsError(['settings: the change must be an object of fields']);
  }
  const given = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined));
  const result = SettingsSchema.safeParse({ ...current, ...given });
  if (!result.success) throw new InvalidSettingsError(formatZodIssues(result.error, 'settings'));
  return result.data;
}
