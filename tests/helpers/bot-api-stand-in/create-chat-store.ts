import type { Chat, InlineKeyboardMarkup, Message, MessageEntity, User } from 'grammy/types';

export type MessageKind = 'text' | 'photo' | 'document';

/** One message of a chat as the stand-in keeps it, in its current state. */
export interface StoredMessage {
  readonly chatId: number;
  readonly messageId: number;
  readonly fromBot: boolean;
  readonly from: User;
  readonly kind: MessageKind;
  /** The text or caption as the bot last sent it (HTML and all). */
  sentText: string | undefined;
  /** The plain text (or caption) Telegram shows, after parsing. */
  text: string | undefined;
  entities: MessageEntity[];
  parseMode: string | undefined;
  replyMarkup: InlineKeyboardMarkup | undefined;
  readonly replyTo: number | undefined;
  /** When it was accepted, in ms by the stand-in's clock. */
  readonly acceptedAt: number;
  editedAt: number | undefined;
  edits: number;
  deleted: boolean;
  /** The upload or file id it carries (photo, document). */
  readonly media: unknown;
}

export type NewMessage = Omit<StoredMessage, 'chatId' | 'messageId' | 'editedAt' | 'edits' | 'deleted'>;

/**
 * Every chat's messages in order. Message ids count up per chat and are shared by both
 * directions, as in Telegram: a user's message and the bot's answer take consecutive ids.
 */
export function createChatStore() {
  const chats = new Map<number, { nextId: number; messages: Map<number, StoredMessage> }>();

  const chat = (chatId: number) => {
    let found = chats.get(chatId);
    if (found === undefined) {
      found = { nextId: 1, messages: new Map() };
      chats.set(chatId, found);
    }
    return found;
  };

  const add = (chatId: number, message: NewMessage): StoredMessage => {
    const c = chat(chatId);
    const stored: StoredMessage = { ...message, chatId, messageId: c.nextId++, editedAt: undefined, edits: 0, deleted: false };
    c.messages.set(stored.messageId, stored);
    return stored;
  };

  const find = (chatId: number, messageId: number): StoredMessage | undefined => {
    const found = chats.get(chatId)?.messages.get(messageId);
    return found?.deleted === false ? found : undefined;
  };

  /** The bot's messages, per chat in order (deleted ones included, marked). */
  const botMessages = (chatId?: number): StoredMessage[] => {
    const ids = chatId === undefined ? [...chats.keys()] : [chatId];
    return ids.flatMap((id) => [...(chats.get(id)?.messages.values() ?? [])].filter((m) => m.fromBot));
  };

  const allMessages = (chatId: number): StoredMessage[] => [...(chats.get(chatId)?.messages.values() ?? [])];

  return { add, find, botMessages, allMessages, chatIds: () => [...chats.keys()] };
}

export type ChatStore = ReturnType<typeof createChatStore>;

/** A private chat for a positive id; a supergroup for `-100…` ids, else a group. */
export function chatOf(chatId: number): Chat {
  if (chatId > 0) return { id: chatId, type: 'private', first_name: `User${chatId}` };
  if (String(chatId).startsWith('-100')) return { id: chatId, type: 'supergroup', title: `Group ${chatId}` };
  return { id: chatId, type: 'group', title: `Group ${chatId}` };
}

/** The Message object Telegram returns for a stored message. */
export function toTelegramMessage(m: StoredMessage, store: ChatStore): Message {
  const body: Record<string, unknown> = {
    message_id: m.messageId,
    from: m.from,
    chat: chatOf(m.chatId),
    date: Math.floor(m.acceptedAt / 1000),
    ...(m.editedAt === undefined ? {} : { edit_date: Math.floor(m.editedAt / 1000) }),
    ...(m.replyMarkup === undefined ? {} : { reply_markup: m.replyMarkup }),
  };
  const replied = m.replyTo === undefined ? undefined : store.find(m.chatId, m.replyTo);
  if (replied !== undefined) body.reply_to_message = toTelegramMessage({ ...replied, replyTo: undefined }, store);
  const textKey = m.kind === 'text' ? 'text' : 'caption';
  if (m.text !== undefined && m.text !== '') body[textKey] = m.text;
  if (m.entities.length > 0) body[m.kind === 'text' ? 'entities' : 'caption_entities'] = m.entities;
  if (m.kind === 'photo') body.photo = [{ file_id: `photo-${m.chatId}-${m.messageId}`, file_unique_id: `p${m.messageId}`, width: 800, height: 600 }];
  if (m.kind === 'document') body.document = { file_id: `document-${m.chatId}-${m.messageId}`, file_unique_id: `d${m.messageId}`, file_name: mediaName(m.media) };
  return body as unknown as Message;
}

const mediaName = (media: unknown): string =>
  typeof media === 'object' && media !== null && typeof (media as { filename?: unknown }).filename === 'string' ? (media as { filename: string }).filename : 'document';
