import type { WatchlistStore } from '../engine/ports/watchlists.js';
import type { Store } from './open-store.js';

export function createWatchlistRepository(store: Pick<Store, 'document'>): WatchlistStore {
  const { document } = store;
  return {
    get: (accountId) => document.read().watchlists[accountId],
    async set(accountId, symbols) {
      await document.update((data) => {
        data.watchlists[accountId] = [...symbols];
      });
    },
  };
}
