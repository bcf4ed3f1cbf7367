/** Inline buttons, framework-free: the transport turns them into Telegram's markup. */
export type OutboxKeyboard = readonly (readonly { readonly text: string; readonly callbackData: string }[])[];

/** What a message shows. */
export interface OutboxContent {
  readonly text: string;
  /** Absent: plain text. */
  readonly parseMode?: 'HTML';
  readonly keyboard?: OutboxKeyboard;
  /** Delivered without a sound. */
  readonly silent?: boolean;
  /** Sent as a document (a file under DATA_DIR) with `text` as its caption; never edited. */
  readonly document?: OutboxDocument;
}

/** A file the bot sends, e.g. a research report; the file stays until the data directory is cleaned. */
export interface OutboxDocument {
  readonly path: string;
  /** The name the chat shows. */
  readonly fileName: string;
}

/**
 * One message waiting for one chat. A `send` creates a message; an `edit` brings the
 * message of a slot to new content. A slot names a message the bot keeps current (a
 * proposal's card, a backfill's progress), so its edits can collapse into one.
 */
export interface OutboxEntry {
  readonly id: string;
  readonly chatId: number;
  readonly kind: 'send' | 'edit';
  readonly slot?: string;
  readonly content: OutboxContent;
  /** A send that answers the message of this slot (a fill under its card). */
  readonly replyToSlot?: string;
  readonly createdAt: string;
  /** Failed attempts since the last success, and when the next is due. */
  readonly attempts: number;
  readonly nextAttemptAt?: string;
  /**
   * Set, durably, just before a send goes out; cleared with the entry once Telegram's
   * answer is recorded. Found at start-up, it means the answer may have been lost in a
   * crash: `afterMessageId` is the chat's last message id known then, where to look.
   */
  readonly sending?: { readonly at: string; readonly afterMessageId: number };
}

/** A slot's message as Telegram has it. */
export interface SlotRecord {
  readonly chatId: number;
  readonly slot: string;
  readonly messageId: number;
  readonly content: OutboxContent;
}

export function sameContent(a: OutboxContent, b: OutboxContent): boolean {
  return a.text === b.text && a.parseMode === b.parseMode && JSON.stringify(a.keyboard ?? []) === JSON.stringify(b.keyboard ?? []) && a.document?.path === b.document?.path;
}
