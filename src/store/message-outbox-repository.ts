import type { OutboxEntry, SlotRecord } from '../outbox/outbox-message.js';
import type { MessageOutboxPort } from '../outbox/outbox-port.js';
import type { Store } from './open-store.js';

/** Slot messages kept for editing: every live card and progress message, and then some. */
const KEEP_SLOTS = 2_000;

const slotKey = (chatId: number, slot: string) => `${chatId}:${slot}`;

/**
 * The message outbox on the store document: each change is one `document.update`, atomic
 * and durable when it resolves; decisions (fold or append) are taken inside the mutation,
 * against the current data.
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
      const copy = structuredClone(entry);
      await document.update((data) => {
        noteMessageId(data.outbox.chats, copy.chatId, lastMessageId);
        const entries = data.outbox.entries;
        // Not yet on its way: the message goes out once, showing the latest content.
        const queued = copy.slot === undefined ? undefined : entries.find((e) => e.chatId === copy.chatId && e.slot === copy.slot && e.sending === undefined && canFold(e as OutboxEntry));
        if (queued === undefined) entries.push(copy as (typeof entries)[number]);
        else queued.content = copy.content as typeof queued.content;
      });
    },
    async update(id, chatId, patch) {
      const copy = structuredClone(patch);
      await document.update((data) => {
        const entry = data.outbox.entries.find((e) => e.id === id && e.chatId === chatId);
        if (entry === undefined) return;
        for (const [key, value] of Object.entries(copy)) {
          if (value === undefined) delete (entry as Record<string, unknown>)[key];
          else (entry as Record<string, unknown>)[key] = value;
        }
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
  slots[key] = record;
  const keys = Object.keys(slots);
  for (const old of keys.slice(0, Math.max(0, keys.length - KEEP_SLOTS))) delete slots[old];
}
