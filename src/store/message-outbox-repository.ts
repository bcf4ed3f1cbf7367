import type { OutboxEntry, SlotRecord } from '../outbox/outbox-message.js';
import type { MessageOutboxPort } from '../outbox/outbox-port.js';
import { deepFreeze } from './deep-freeze.js';
import type { Store } from './open-store.js';
import type { StoreData } from './schema.js';

/** Slot messages kept for editing: every live card and progress message, and then some. */
const KEEP_SLOTS = 2_000;

type StoredEntry = StoreData['outbox']['entries'][number];

const slotKey = (chatId: number, slot: string) => `${chatId}:${slot}`;

/**
 * The message outbox on the store document: each change is one `document.update`, atomic
 * and durable when it resolves; decisions (fold or append) are taken inside the mutation,
 * against the current data. Entries are frozen and replaced to change: the store file
 * reuses the text of every queued message a change did not touch.
 */
export function createMessageOutboxRepository(store: Pick<Store, 'document'>): MessageOutboxPort {
  const { document } = store;
  const state = () => document.read().outbox;
  return {
    list: (chatId) => (chatId === undefined ? state().entries : state().entries.filter((e) => e.chatId === chatId)) as readonly OutboxEntry[],
    slot: (chatId, slot) => state().slots[slotKey(chatId, slot)] as SlotRecord | undefined,
    slotOfMessage: (chatId, messageId) => Object.values(state().slots).find((s) => s.chatId === chatId && s.messageId === messageId) as SlotRecord | undefined,
    chatsWithSlot(slot) {
      const chats = new Set<number>();
      for (const record of Object.values(state().slots)) if (record.slot === slot) chats.add(record.chatId);
      for (const entry of state().entries) if (entry.slot === slot) chats.add(entry.chatId);
      return [...chats];
    },
    lastMessageId: (chatId) => state().chats[String(chatId)]?.lastMessageId ?? 0,
    async enqueue(entry, canFold, lastMessageId) {
      const copy = deepFreeze(structuredClone(entry)) as StoredEntry;
      await document.update((data) => {
        noteMessageId(data.outbox.chats, copy.chatId, lastMessageId);
        const entries = data.outbox.entries;
        // Not yet on its way: the message goes out once, showing the latest content.
        const queued = copy.slot === undefined ? -1 : entries.findIndex((e) => e.chatId === copy.chatId && e.slot === copy.slot && e.sending === undefined && canFold(e as OutboxEntry));
        if (queued === -1) entries.push(copy);
        else entries[queued] = deepFreeze({ ...entries[queued]!, content: copy.content });
      });
    },
    async update(id, chatId, patch) {
      const copy = structuredClone(patch);
      await document.update((data) => {
        const entries = data.outbox.entries;
        const index = entries.findIndex((e) => e.id === id && e.chatId === chatId);
        if (index === -1) return;
        const next: Record<string, unknown> = { ...entries[index] };
        for (const [key, value] of Object.entries(copy)) {
          if (value === undefined) delete next[key];
          else next[key] = value;
        }
        entries[index] = deepFreeze(next as StoredEntry);
      });
    },
    async complete(id, chatId, delivered, messageId) {
      const copy = structuredClone(delivered);
      await document.update((data) => {
        noteMessageId(data.outbox.chats, chatId, messageId ?? copy?.messageId ?? 0);
        data.outbox.entries = data.outbox.entries.filter((e) => !(e.id === id && e.chatId === chatId));
        if (copy !== undefined) remember(data.outbox.slots, { chatId, ...copy } as SlotRecord);
      });
    },
    async adopt(record) {
      const copy = structuredClone(record);
      await document.update((data) => remember(data.outbox.slots, copy));
    },
  };
}

function noteMessageId(chats: Record<string, { lastMessageId: number }>, chatId: number, messageId: number): void {
  const current = chats[String(chatId)]?.lastMessageId ?? 0;
  if (messageId > current) chats[String(chatId)] = { lastMessageId: messageId };
}

/** Newest last, so the oldest go first when the map is trimmed. */
function remember(slots: Record<string, unknown>, record: SlotRecord): void {
  const key = slotKey(record.chatId, record.slot);
  delete slots[key];
  slots[key] = deepFreeze(record);
  const keys = Object.keys(slots);
  for (const old of keys.slice(0, Math.max(0, keys.length - KEEP_SLOTS))) delete slots[old];
}
