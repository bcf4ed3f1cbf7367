import type { Update, User } from 'grammy/types';

let nextUpdateId = 1;

export function userWithId(id: number): User {
  return { id, is_bot: false, first_name: `User${id}` };
}

/** A private-chat (or given chat) text message, with the bot_command entity Telegram adds. */
export function textUpdate(fromId: number, text: string, chatId: number = fromId): Update {
  const command = /^\/[A-Za-z0-9_]+(@[A-Za-z0-9_]+)?/.exec(text);
  return {
    update_id: nextUpdateId++,
    message: {
      message_id: nextUpdateId,
      date: 1_700_000_000,
      chat: chatId === fromId ? { id: chatId, type: 'private', first_name: 'x' } : { id: chatId, type: 'supergroup', title: 'desk' },
      from: userWithId(fromId),
      text,
      ...(command === null ? {} : { entities: [{ type: 'bot_command' as const, offset: 0, length: command[0].length }] }),
    },
  } as Update;
}

/** A button press on a bot message in the user's private chat. */
export function callbackUpdate(fromId: number, data: string, chatId: number = fromId): Update {
  return {
    update_id: nextUpdateId++,
    callback_query: {
      id: `cb${nextUpdateId}`,
      from: userWithId(fromId),
      chat_instance: 'ci',
      data,
      message: {
        message_id: 7,
        date: 1_700_000_000,
        chat: { id: chatId, type: 'private', first_name: 'x' },
        text: 'a message with buttons',
      },
    },
  } as Update;
}
