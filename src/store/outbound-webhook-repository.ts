import type { EndpointState, WebhookOutboxPort } from '../outbound/webhook-outbox-port.js';
import { deepFreeze } from './deep-freeze.js';
import type { Store } from './open-store.js';
import type { StoreData } from './schema.js';

type EndpointRecord = StoreData['webhooks']['endpoints'][string];

const EMPTY: EndpointState = Object.freeze({ entries: Object.freeze([]), consecutiveFailures: 0 });

/**
 * The webhook outbox on the store document. Each change is one `document.update`, whose
 * mutation runs at once (so the delivery loop reads the next entry without waiting) and
 * whose promise resolves once the change is on disk. Entries are frozen and replaced to
 * change, so the journal writes only the entry that changed.
 */
export function createOutboundWebhookRepository(store: Pick<Store, 'document'>): WebhookOutboxPort {
  const { document } = store;
  const endpointIn = (data: StoreData, id: string): EndpointRecord => (data.webhooks.endpoints[id] ??= { entries: [], consecutiveFailures: 0 });
  const removeEntry = (endpoint: EndpointRecord, id: string) => {
    const index = endpoint.entries.findIndex((e) => e.id === id);
    if (index !== -1) endpoint.entries.splice(index, 1);
  };
  return {
    state: (endpointId) => (document.read().webhooks.endpoints[endpointId] as EndpointState | undefined) ?? EMPTY,
    async enqueue(items) {
      const copies = structuredClone(items);
      await document.update((data) => {
        for (const { endpointId, entry } of copies) {
          const endpoint = endpointIn(data, endpointId);
          // The same event published twice (a replay after a crash) is queued once.
          if (!endpoint.entries.some((e) => e.id === entry.id)) endpoint.entries.push(deepFreeze(entry));
        }
      });
    },
    async retryLater(endpointId, id, patch, failure) {
      const copy = { ...failure };
      await document.update((data) => {
        const endpoint = data.webhooks.endpoints[endpointId];
        const index = endpoint?.entries.findIndex((e) => e.id === id) ?? -1;
        if (endpoint === undefined || index === -1) return;
        endpoint.entries[index] = deepFreeze({ ...endpoint.entries[index]!, ...patch });
        endpoint.lastFailure = copy;
      });
    },
    async delivered(endpointId, id, outcome) {
      const copy = { ...outcome };
      await document.update((data) => {
        const endpoint = endpointIn(data, endpointId);
        removeEntry(endpoint, id);
        endpoint.lastSuccess = copy;
        endpoint.consecutiveFailures = 0;
      });
    },
    async failed(endpointId, id, outcome, pauseAfter) {
      const copy = { ...outcome };
      let decided = { consecutiveFailures: 0, paused: false };
      await document.update((data) => {
        const endpoint = endpointIn(data, endpointId);
        removeEntry(endpoint, id);
        endpoint.lastFailure = copy;
        endpoint.consecutiveFailures += 1;
        const pause = endpoint.paused === undefined && endpoint.consecutiveFailures >= pauseAfter;
        if (pause) endpoint.paused = { at: copy.at, reason: `${endpoint.consecutiveFailures} events in a row failed` };
        decided = { consecutiveFailures: endpoint.consecutiveFailures, paused: pause };
      });
      return decided;
    },
    async resume(endpointId) {
      let resumed = false;
      await document.update((data) => {
        const endpoint = data.webhooks.endpoints[endpointId];
        if (endpoint?.paused === undefined) return;
        delete endpoint.paused;
        endpoint.consecutiveFailures = 0;
        resumed = true;
      });
      return resumed;
    },
  };
}
