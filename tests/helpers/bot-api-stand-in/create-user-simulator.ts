import type { InlineKeyboardButton, MessageEntity, Update, User } from 'grammy/types';
import { chatOf, toTelegramMessage } from './create-chat-store.js';
import type { UpdateBody } from './create-update-queue.js';
import type { StandInContext } from './stand-in-context.js';

/** Who speaks when no sender is given: the chat's own user in a private chat, else user 1. */
export const defaultUser = (chatId: number): User => {
  const id = chatId > 0 ? chatId : 1;
  return { id, is_bot: false, first_name: `User${id}`, language_code: 'en' };
};

/**
 * People in the chats: a message or a button press becomes an update queued for
 * getUpdates (or the webhook), just as Telegram would make it.
 */
export function createUserSimulator(ctx: StandInContext) {
  const userSends = (chatId: number, text: string, from: User = defaultUser(chatId)): Update => {
    const stored = ctx.chats.add(chatId, {
      fromBot: false,
      from,
      kind: 'text',
      sentText: text,
      text,
      entities: commandEntities(text),
      parseMode: undefined,
      replyMarkup: undefined,
      replyTo: undefined,
      acceptedAt: ctx.now(),
      media: undefined,
    });
    return ctx.queue.push({ message: toTelegramMessage(stored, ctx.chats) } as UpdateBody);
  };

  /** A tap on a button of a bot message; the button must be on the message as it is now. */
  const userPresses = (chatId: number, messageId: number, data: string, from: User = defaultUser(chatId)): Update => {
    const message = ctx.chats.find(chatId, messageId);
    if (message === undefined || !message.fromBot) throw new Error(`no bot message ${messageId} in chat ${chatId}`);
    const buttons: InlineKeyboardButton[] = message.replyMarkup?.inline_keyboard.flat() ?? [];
    if (!buttons.some((b) => 'callback_data' in b && b.callback_data === data)) {
      throw new Error(`message ${messageId} in chat ${chatId} has no button with data "${data}" (buttons: ${JSON.stringify(buttons)})`);
    }
    return ctx.queue.push({
      callback_query: {
        id: ctx.callbackQueries.issue(),
        from,
        message: toTelegramMessage(message, ctx.chats),
        chat_instance: String(Math.abs(chatId) * 7919),
        data,
      },
    } as UpdateBody);
  };

  return { userSends, userPresses, chat: chatOf };
}

/** Telegram marks every /command (with an optional @botname) as a bot_command entity. */
function commandEntities(text: string): MessageEntity[] {
  const entities: MessageEntity[] = [];
  for (const match of text.matchAll(/(^|\s)(\/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]+)?)/g)) {
    const offset = (match.index ?? 0) + (match[1] as string).length;
    entities.push({ type: 'bot_command', offset, length: (match[2] as string).length });
  }
  return entities;
}
