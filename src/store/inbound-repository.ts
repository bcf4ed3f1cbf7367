import type { HistoryLog } from './history/create-history-log.js';
import type { Intent } from './inbound-schema.js';
import type { Store } from './open-store.js';

/**
 * Telegram redelivers an update only while it is unconfirmed (polling) or unanswered
 * (webhook): minutes to hours, never thousands of updates later. 2,000 ids is ~12 kB of
 * the document, cheap to rewrite with every change.
 */
export const MAX_PROCESSED_UPDATES = 2_000;

/** The updates that already changed something: a redelivery of one of them is skipped. */
export interface ProcessedUpdates {
  /** True when this update already acted; a Set lookup, so every update can ask. */
  has(updateId: number): boolean;
  /** Records it durably before it acts; false when it was recorded already (a redelivery won). */
  record(updateId: number): Promise<boolean>;
  /** The id after the highest one recorded: where the local chat numbers its updates from. */
  nextId(): number;
}

export interface InboundRepository extends ProcessedUpdates {
  /** The intent and its update id in one durable write; false when the update was recorded already. */
  addIntent(intent: Intent): Promise<boolean>;
  /** Intents recorded and not done yet, oldest first (copies). */
  pendingIntents(): Intent[];
  isPending(updateId: number): boolean;
  /**
   * Appends the intent with its result to the history (kind `intent`, for "who tapped what,
   * and what came of it"), then removes it from the live state. A crash between the two
   * leaves it pending: carried out again at start, which the executors allow.
   */
  completeIntent(intent: Intent, result: string, at: Date): Promise<void>;
}

/** The inbound section of the store document, with the history for done intents. */
export function createInboundRepository(store: Pick<Store, 'document' | 'history'>): InboundRepository {
  const { document, history } = store;
  // Writes replace the array, so its identity says whether the Set is still current.
  let cachedFrom: readonly number[] | undefined;
  let cache = new Set<number>();
  const processed = (): Set<number> => {
    const list = document.read().inbound.processed;
    if (list !== cachedFrom) {
      cache = new Set(list);
      cachedFrom = list;
    }
    return cache;
  };
  const remember = (list: readonly number[], updateId: number) => [...list, updateId].slice(-MAX_PROCESSED_UPDATES);

  return {
    has: (updateId) => processed().has(updateId),
    async record(updateId) {
      let added = false;
      // Checked inside the mutation: two deliveries of one update race to here.
      await document.update((data) => {
        if (data.inbound.processed.includes(updateId)) return;
        data.inbound.processed = remember(data.inbound.processed, updateId);
        added = true;
      });
      return added;
    },
    nextId() {
      const { processed: ids, intents } = document.read().inbound;
      return Math.max(0, ...ids, ...intents.map((i) => i.updateId)) + 1;
    },
    async addIntent(intent) {
      const copy = structuredClone(intent);
      let added = false;
      await document.update((data) => {
        if (data.inbound.processed.includes(copy.updateId)) return;
        data.inbound.processed = remember(data.inbound.processed, copy.updateId);
        data.inbound.intents = [...data.inbound.intents, copy];
        added = true;
      });
      return added;
    },
    pendingIntents: () => structuredClone(document.read().inbound.intents),
    isPending: (updateId) => document.read().inbound.intents.some((i) => i.updateId === updateId),
    async completeIntent(intent, result, at) {
      const doneAt = at.toISOString();
      await appendDone(history, intent, result, doneAt);
      await document.update((data) => {
        data.inbound.intents = data.inbound.intents.filter((i) => i.updateId !== intent.updateId);
      });
    },
  };
}

function appendDone(history: Pick<HistoryLog, 'append'>, intent: Intent, result: string, doneAt: string): Promise<void> {
  return history.append([{ kind: 'intent', id: String(intent.updateId), at: doneAt, value: { ...intent, result, doneAt } }]);
}
