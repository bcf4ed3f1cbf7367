import type { MiddlewareFn, Transformer } from 'grammy';
import type { BotContext } from '../context.js';

/**
 * The newest message id seen in each chat, in either direction: Telegram numbers a chat's
 * messages in sequence, so a send whose answer a crash lost would sit just after it (see
 * outbox/find-lost-send.ts). Kept in memory; the outbox records it with each send.
 */
export function createMessageIdTracker() {
  const last = new Map<number, number>();
  const note = (chatId: number, messageId: number) => {
    if (messageId > (last.get(chatId) ?? 0)) last.set(chatId, messageId);
  };
  const transformer: Transformer = async (prev, method, payload, signal) => {
    const result = await prev(method, payload, signal);
    const message = result.ok ? (result.result as { message_id?: unknown; chat?: { id?: unknown } }) : undefined;
    if (typeof message?.message_id === 'number' && typeof message.chat?.id === 'number') note(message.chat.id, message.message_id);
    return result;
  };
  const middleware: MiddlewareFn<BotContext> = (ctx, next) => {
    const message = ctx.msg;
    if (message !== undefined) note(message.chat.id, message.message_id);
    return next();
  };
  return { note, last: (chatId: number) => last.get(chatId) ?? 0, transformer, middleware };
}

export type MessageIdTracker = ReturnType<typeof createMessageIdTracker>;
