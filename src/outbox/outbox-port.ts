import type { OutboxContent, OutboxEntry, SlotRecord } from './outbox-message.js';

/**
 * Where the message outbox keeps its entries and slots. Every method that changes
 * something resolves once the change is durable; each is one atomic write.
 */
export interface MessageOutboxPort {
  /** One chat's entries in the order they go out, or every entry. */
  list(chatId?: number): readonly OutboxEntry[];
  slot(chatId: number, slot: string): SlotRecord | undefined;
  /** The slot whose message this is, if the outbox keeps it. */
  slotOfMessage(chatId: number, messageId: number): SlotRecord | undefined;
  /** Chats that hold a message of this slot, or have one queued. */
  chatsWithSlot(slot: string): readonly number[];
  /**
   * Adds an entry, or folds its content into a queued one of the same chat and slot that
   * has not gone out yet and that `canFold` allows (the message then goes out once, in its
   * latest state).
   */
  enqueue(entry: OutboxEntry, canFold: (queued: OutboxEntry) => boolean, lastMessageId: number): Promise<void>;
  /** The newest message id of the chat recorded with any change (see create-message-id-tracker). */
  lastMessageId(chatId: number): number;
  update(id: string, chatId: number, patch: Partial<Pick<OutboxEntry, 'attempts' | 'nextAttemptAt' | 'sending' | 'content'>>): Promise<void>;
  /** The entry is done: removed, and a delivered slot message recorded, in one write. */
  complete(id: string, chatId: number, delivered?: { slot: string; messageId: number; content: OutboxContent }, messageId?: number): Promise<void>;
  /** Records a message sent outside the outbox (a command's reply) as a slot's message. */
  adopt(record: SlotRecord): Promise<void>;
}
