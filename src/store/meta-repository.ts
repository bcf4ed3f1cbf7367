import type { Store } from './open-store.js';
import type { Meta } from './schema.js';

export interface MetaRepository {
  /** A copy: changing it changes nothing. */
  get(): Meta;
  /** Counts one more start at `now`; resolves once that is on disk. */
  recordStart(now: Date): Promise<void>;
}

/** Facts about the store itself: when it was created and how often the bot started. */
export function createMetaRepository(store: Pick<Store, 'document'>): MetaRepository {
  const { document } = store;
  return {
    get: () => structuredClone(document.read().meta),
    async recordStart(now) {
      // Computed first: an invalid Date throws here, before anything is half-changed.
      const startedAt = now.toISOString();
      await document.update((data) => {
        data.meta.startCount += 1;
        data.meta.lastStartedAt = startedAt;
      });
    },
  };
}
