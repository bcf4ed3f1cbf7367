import type {
  AcknowledgeOutcome,
  AcknowledgementRecord,
  AlertEntry,
  AlertOutboxPort,
  AlertRef,
  AlertSettingsPort,
  ChatAlertSettings,
} from '../alerts/alert-outbox-port.js';
import { ChatAlertSettingsSchema, type AlertState } from './alert-schema.js';
import { InvalidSettingsError } from './errors.js';
import type { Store } from './open-store.js';
import { formatZodIssues } from './schema.js';

/** Enough for "who acknowledged what" over weeks, small enough to stay cheap to rewrite. */
const MAX_ACKNOWLEDGEMENTS = 200;

const sameRef = (entry: AlertEntry, ref: AlertRef) => entry.id === ref.id && entry.chatId === ref.chatId;

/**
 * The alert outbox on the store document. Each change is one `document.update`, so it is
 * atomic and on disk when the promise resolves; decisions (merge or append, which copies an
 * acknowledgement removes) are taken inside the mutation, against the current data.
 */
export function createAlertOutboxRepository(store: Pick<Store, 'document'>): AlertOutboxPort {
  const { document } = store;
  return {
    list: (chatId) =>
      structuredClone(chatId === undefined ? document.read().alerts.outbox : document.read().alerts.outbox.filter((e) => e.chatId === chatId)),
    async add(entries, canMerge) {
      const copies = structuredClone(entries);
      await document.update((data) => {
        const outbox = data.alerts.outbox;
        for (const incoming of copies) {
          const target = canMerge === undefined ? undefined : outbox.find((e) => e.chatId === incoming.chatId && canMerge(e, incoming));
          if (target === undefined) {
            outbox.push(incoming);
          } else {
            target.count += incoming.count;
            target.lastAt = incoming.lastAt;
          }
        }
      });
    },
    async update(changes) {
      const copies = structuredClone(changes);
      await document.update((data) => {
        for (const { ref, patch } of copies) {
          const entry = data.alerts.outbox.find((e) => sameRef(e, ref));
          if (entry !== undefined) applyPatch(entry, patch);
        }
      });
    },
    async remove(refs) {
      await document.update((data) => {
        data.alerts.outbox = data.alerts.outbox.filter((e) => !refs.some((ref) => sameRef(e, ref)));
      });
    },
    async acknowledge(record) {
      const copy = structuredClone(record);
      let outcome: AcknowledgeOutcome = { kind: 'not_found' };
      // Decided inside the mutation: two people pressing at once get one record.
      await document.update((data) => {
        outcome = acknowledgeIn(data.alerts, copy);
      });
      return structuredClone(outcome);
    },
    acknowledgements: () => structuredClone(document.read().alerts.acknowledged),
  };
}

function acknowledgeIn(alerts: AlertState, record: AcknowledgementRecord): AcknowledgeOutcome {
  const earlier = alerts.acknowledged.find((r) => r.alertId === record.alertId);
  if (earlier !== undefined) return { kind: 'already_acknowledged', record: earlier };
  if (!alerts.outbox.some((e) => e.id === record.alertId)) return { kind: 'not_found' };
  // Delivered copies are done; an undelivered one still goes out once, marked.
  alerts.outbox = alerts.outbox.filter((e) => e.id !== record.alertId || e.sentCount === 0);
  for (const entry of alerts.outbox.filter((e) => e.id === record.alertId)) {
    entry.acknowledgedBy = record.by;
    entry.acknowledgedAt = record.at;
    delete entry.nextResendAt;
  }
  alerts.acknowledged = [...alerts.acknowledged, record].slice(-MAX_ACKNOWLEDGEMENTS);
  return { kind: 'acknowledged', record };
}

/** `undefined` in a patch clears the field, so the file never holds `"key": null` noise. */
function applyPatch(entry: AlertEntry, patch: Partial<AlertEntry>): void {
  for (const [key, value] of Object.entries(patch) as [keyof AlertEntry, unknown][]) {
    if (value === undefined) delete entry[key];
    else (entry as unknown as Record<string, unknown>)[key] = value;
  }
}

/** Quiet hours and per-type modes of each chat. Invalid settings throw InvalidSettingsError. */
export function createAlertSettingsRepository(store: Pick<Store, 'document'>): AlertSettingsPort {
  const { document } = store;
  return {
    get: (chatId) => structuredClone(document.read().alerts.chats[String(chatId)] ?? {}),
    async set(chatId, settings: ChatAlertSettings) {
      const result = ChatAlertSettingsSchema.safeParse(settings);
      if (!result.success) throw new InvalidSettingsError(formatZodIssues(result.error, `alerts.chats.${chatId}`));
      await document.update((data) => {
        data.alerts.chats[String(chatId)] = result.data;
      });
    },
  };
}
