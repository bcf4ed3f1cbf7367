import type { TradingState, TradingStore } from '../engine/ports/trading-store.js';
import type { Store } from './open-store.js';
import { createTradingDraft } from './create-trading-draft.js';

/**
 * The engine's TradingStore on the lowdb document. A transaction works on a draft (each
 * proposal and order copied when first read) and swaps it in only when the change
 * succeeded, so a failed check leaves no half-change.
 * After each write the archiver moves what settled to the history, which keeps the
 * document (and so every write) small however old the bot is.
 */
export function createTradingRepository(store: Pick<Store, 'document' | 'archiver'>): TradingStore {
  const { document, archiver } = store;
  return {
    read: () => document.read().trading as TradingState,
    async transact(change) {
      const { draft, commit } = createTradingDraft(document.read().trading as TradingState);
      const result = change(draft);
      const next = commit();
      await document.update((data) => {
        data.trading = next as typeof data.trading;
      });
      archiver.request();
      return result;
    },
  };
}
