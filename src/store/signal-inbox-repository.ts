import type { SignalInboxPort } from '../signals/signal-inbox-port.js';
import { deepFreeze } from './deep-freeze.js';
import type { Store } from './open-store.js';

/** Signal ids kept for repeats: weeks of a busy TradingView setup, small enough to rewrite cheaply. */
const KEEP = 5_000;

/** Inbound signal ids on the store document, oldest first, trimmed to the newest KEEP. */
export function createSignalInboxRepository(store: Pick<Store, 'document'>): SignalInboxPort {
  const { document } = store;
  const seen = () => document.read().signals.seen;
  return {
    get: (key) => seen()[key],
    async remember(key, record) {
      // Frozen: the store file reuses the text of the thousands kept (see stringify-document.ts).
      const copy = deepFreeze({ ...record });
      await document.update((data) => {
        const map = data.signals.seen;
        delete map[key];
        map[key] = copy;
        const keys = Object.keys(map);
        for (const old of keys.slice(0, Math.max(0, keys.length - KEEP))) delete map[old];
      });
    },
    lastOf(sourceId) {
      const prefix = `${sourceId}:`;
      const entries = Object.entries(seen());
      // Newest last: walk back to the first of this source.
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, record] = entries[i] as [string, ReturnType<SignalInboxPort['get']> & object];
        if (key.startsWith(prefix)) return { ...record, signalId: key.slice(prefix.length) };
      }
      return undefined;
    },
  };
}
