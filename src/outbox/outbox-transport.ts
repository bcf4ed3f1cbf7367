import type { OutboxContent } from './outbox-message.js';

/**
 * The outbox's side of Telegram. Methods throw SendFailedError (send-failure.ts) with
 * what a failure means; anything else thrown counts as transient.
 */
export interface OutboxTransport {
  send(chatId: number, content: OutboxContent, replyTo?: number): Promise<{ messageId: number }>;
  /** `unchanged`: it already shows this; `gone`: the message no longer exists. */
  edit(chatId: number, messageId: number, content: OutboxContent): Promise<'edited' | 'unchanged' | 'gone'>;
  /**
   * Whether message `messageId` is this very message (a send whose answer a crash lost).
   * Only asked for content with a keyboard, which is unique to what it belongs to. Should
   * the look change another message of the bot's, it is put back to `known` (its content,
   * when the outbox has it) or left without buttons.
   */
  probe(chatId: number, messageId: number, content: OutboxContent, known?: OutboxContent): Promise<'same' | 'other' | 'absent'>;
}
