import type { InlineKeyboard } from 'grammy';
import type { OutboxContent, OutboxKeyboard } from '../../outbox/outbox-message.js';
import type { SafeHtml } from '../messages/html.js';

/** A formatted message and its buttons, as the outbox stores them. */
export function toOutboxContent(text: SafeHtml, keyboard?: InlineKeyboard): OutboxContent {
  return { text: text.value, parseMode: 'HTML', ...(keyboard === undefined ? {} : { keyboard: toOutboxKeyboard(keyboard) }) };
}

export function toOutboxKeyboard(keyboard: InlineKeyboard): OutboxKeyboard {
  return keyboard.inline_keyboard.map((row) =>
    row.map((button) => {
      if (!('callback_data' in button)) throw new TypeError(`only callback buttons go through the outbox, got "${button.text}"`);
      return { text: button.text, callbackData: button.callback_data };
    }),
  );
}

/** Slot names: what a message belongs to, the same in every chat. */
export const cardSlot = (proposalId: string) => `card:${proposalId}`;
export const backfillSlot = (jobId: string) => `backfill:${jobId}`;
