import { isDeepStrictEqual } from 'node:util';
import type { InlineKeyboardMarkup, User } from 'grammy/types';
import { badRequest, DESCRIPTIONS } from './bot-api-error.js';
import { toTelegramMessage, type MessageKind, type StoredMessage } from './create-chat-store.js';
import { parseHtml, type ParsedText } from './parse-html.js';
import type { Payload } from './read-payload.js';
import { isTrue, type MethodHandler, type StandInContext } from './stand-in-context.js';

const MAX_TEXT = 4096;
const MAX_CAPTION = 1024;

/** sendMessage, sendPhoto, sendDocument, the two edits, deleteMessage and sendChatAction. */
export function createMessageMethods(ctx: StandInContext): Record<string, MethodHandler> {
  const send = (kind: MessageKind, method: string, mediaKey?: string): MethodHandler => (p, call) => {
    const chatId = chatIdOf(p);
    const raw = kind === 'text' ? String(p.text ?? '') : typeof p.caption === 'string' ? p.caption : undefined;
    const parsed = raw === undefined ? { text: undefined, entities: [] } : parseText(raw, p.parse_mode);
    checkLength(kind, parsed.text);
    const replyTo = replyTarget(ctx, p, chatId);
    if (mediaKey !== undefined && p[mediaKey] === undefined) throw badRequest(`there is no ${mediaKey} in the request`);
    ctx.limiter.admit(method, chatId);
    const stored = ctx.chats.add(chatId, {
      fromBot: true,
      from: botUser(ctx, call.token),
      kind,
      sentText: raw,
      ...parsed,
      parseMode: parseModeOf(p.parse_mode),
      replyMarkup: inlineMarkupOf(p.reply_markup),
      replyTo,
      acceptedAt: ctx.now(),
      media: mediaKey === undefined ? undefined : p[mediaKey],
    });
    return toTelegramMessage(stored, ctx.chats);
  };

  const editMessageText: MethodHandler = (p) => {
    const target = editable(ctx, p);
    if (target.kind !== 'text') throw badRequest(DESCRIPTIONS.noTextToEdit);
    const parsed = parseText(String(p.text ?? ''), p.parse_mode);
    checkLength('text', parsed.text);
    const markup = inlineMarkupOf(p.reply_markup);
    if (sameText(target, parsed) && sameMarkup(target.replyMarkup, markup)) throw badRequest(DESCRIPTIONS.notModified);
    if (ctx.limiter.counts('editMessageText')) ctx.limiter.admit('editMessageText', target.chatId);
    Object.assign(target, { sentText: String(p.text), ...parsed, parseMode: parseModeOf(p.parse_mode), replyMarkup: markup });
    return edited(ctx, target);
  };

  const editMessageReplyMarkup: MethodHandler = (p) => {
    const target = editable(ctx, p);
    const markup = inlineMarkupOf(p.reply_markup);
    if (sameMarkup(target.replyMarkup, markup)) throw badRequest(DESCRIPTIONS.notModified);
    if (ctx.limiter.counts('editMessageReplyMarkup')) ctx.limiter.admit('editMessageReplyMarkup', target.chatId);
    target.replyMarkup = markup;
    return edited(ctx, target);
  };

  const deleteMessage: MethodHandler = (p) => {
    const target = ctx.chats.find(chatIdOf(p), Number(p.message_id));
    if (target === undefined) throw badRequest(DESCRIPTIONS.deleteNotFound);
    target.deleted = true;
    return true;
  };

  return {
    sendMessage: send('text', 'sendMessage'),
    sendPhoto: send('photo', 'sendPhoto', 'photo'),
    sendDocument: send('document', 'sendDocument', 'document'),
    editMessageText,
    editMessageReplyMarkup,
    deleteMessage,
    sendChatAction: (p) => (chatIdOf(p), true),
  };
}

/** The bot as the sender of its messages: a plain User, without getMe's capability flags. */
function botUser(ctx: StandInContext, token: string): User {
  const { id, is_bot, first_name, username } = ctx.botInfo(token);
  return { id, is_bot, first_name, username };
}

/** A chat id as Telegram takes it: a number (or its text, from a form); @usernames are unknown here. */
export function chatIdOf(p: Payload): number {
  const id = typeof p.chat_id === 'string' ? Number(p.chat_id) : p.chat_id;
  if (typeof id !== 'number' || !Number.isInteger(id) || id === 0) throw badRequest('chat not found');
  return id;
}

function parseText(text: string, parseMode: unknown): ParsedText {
  return parseModeOf(parseMode) === 'HTML' ? parseHtml(text) : { text, entities: [] };
}

const parseModeOf = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? (value.toLowerCase() === 'html' ? 'HTML' : value) : undefined);

function checkLength(kind: MessageKind, text: string | undefined): void {
  if (kind === 'text' && (text === undefined || text.trim() === '')) throw badRequest(DESCRIPTIONS.textEmpty);
  if (kind === 'text' && (text as string).length > MAX_TEXT) throw badRequest(DESCRIPTIONS.textTooLong);
  if (kind !== 'text' && (text ?? '').length > MAX_CAPTION) throw badRequest(DESCRIPTIONS.captionTooLong);
}

function replyTarget(ctx: StandInContext, p: Payload, chatId: number): number | undefined {
  const parameters = (p.reply_parameters ?? {}) as { message_id?: unknown; allow_sending_without_reply?: unknown };
  const id = parameters.message_id ?? p.reply_to_message_id;
  if (id === undefined) return undefined;
  if (ctx.chats.find(chatId, Number(id)) !== undefined) return Number(id);
  if (isTrue(parameters.allow_sending_without_reply) || isTrue(p.allow_sending_without_reply)) return undefined;
  throw badRequest(DESCRIPTIONS.replyNotFound);
}

/** Only an inline keyboard stays on a message; an empty one is no keyboard at all. */
function inlineMarkupOf(value: unknown): InlineKeyboardMarkup | undefined {
  const rows = (value as { inline_keyboard?: unknown } | undefined)?.inline_keyboard;
  return Array.isArray(rows) && rows.some((row) => Array.isArray(row) && row.length > 0) ? (value as InlineKeyboardMarkup) : undefined;
}

function editable(ctx: StandInContext, p: Payload): StoredMessage {
  const target = ctx.chats.find(chatIdOf(p), Number(p.message_id));
  if (target === undefined) throw badRequest(DESCRIPTIONS.editNotFound);
  if (!target.fromBot) throw badRequest(DESCRIPTIONS.cantBeEdited);
  return target;
}

function edited(ctx: StandInContext, target: StoredMessage) {
  target.editedAt = ctx.now();
  target.edits += 1;
  return toTelegramMessage(target, ctx.chats);
}

// Telegram compares what the message shows (text and entities), not the HTML that made it.
const sameText = (m: StoredMessage, next: ParsedText): boolean => m.text === next.text && isDeepStrictEqual(m.entities, next.entities);

const sameMarkup = (a: InlineKeyboardMarkup | undefined, b: InlineKeyboardMarkup | undefined): boolean => isDeepStrictEqual(a, b);
