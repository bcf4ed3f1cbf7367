import type { TradingState, TradingStore } from '../engine/ports/trading-store.js';
import type { Store } from './open-store.js';

/**
 * The engine's TradingStore on the lowdb document. A transaction works on a deep copy and
 * swaps it in only when the change succeeded, so a failed check leaves no half-change.
 */
export function createTradingRepository(store: Pick<Store, 'document'>): TradingStore {
  const { document } = store;
  return {
    read: () => document.read().trading as TradingState,
    async transact(change) {
      const draft = structuredClone(document.read().trading) as TradingState;
      const result = change(draft);
      await document.update((data) => {
        data.trading = draft as typeof data.trading;
      });
      return result;
    },
  };
}
