import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { InlineKeyboardButton, Message, UserFromGetMe } from 'grammy/types';
import { apiResponse, readApiRequest, type UploadedFile } from './read-api-request.js';
import { renderText } from './render-text.js';

/** The buttons of the latest message that has any, for `#N` presses. */
export interface KeyboardRef {
  readonly message: Message;
  readonly buttons: readonly InlineKeyboardButton[];
}

export interface LocalBotApiOptions {
  botInfo: UserFromGetMe;
  filesDir: string;
  print: (lines: string) => void;
  clock: () => Date;
}

type Payload = Record<string, unknown>;

/**
 * Stands in for the Bot API in local mode: the bot's outgoing calls are printed as they
 * would read in Telegram, and answered with results shaped like Telegram's, so the very
 * same handlers, keyboards and plugins run unchanged.
 */
export function createLocalBotApi(options: LocalBotApiOptions) {
  let nextMessageId = 1;
  let lastKeyboard: KeyboardRef | undefined;
  let fileCount = 0;

  const remember = (message: Message, markup: unknown): Message => {
    const buttons = keyboardButtons(markup);
    if (buttons.length > 0) lastKeyboard = { message, buttons };
    else if (lastKeyboard?.message.message_id === message.message_id) lastKeyboard = undefined;
    return message;
  };

  const makeMessage = (p: Payload, extra: Partial<Message>): Message =>
    ({
      message_id: typeof p.message_id === 'number' ? p.message_id : nextMessageId++,
      date: Math.floor(options.clock().getTime() / 1000),
      chat: { id: Number(p.chat_id), type: 'private', first_name: 'You' },
      from: options.botInfo,
      ...extra,
    }) as Message;

  const saveFile = async (file: unknown, fallbackName: string): Promise<string> => {
    await mkdir(options.filesDir, { recursive: true });
    const upload = isUpload(file) ? file : undefined;
    const name = `${Date.now()}-${++fileCount}-${upload?.filename ?? fallbackName}`;
    const path = join(options.filesDir, name.replace(/[^A-Za-z0-9._-]/g, '_'));
    // A file id or URL (not an upload) is saved as the text it is.
    await writeFile(path, upload?.data ?? String(file));
    return path;
  };

  const handlers: Record<string, (p: Payload) => Promise<unknown> | unknown> = {
    getMe: () => options.botInfo,
    sendMessage: (p) => {
      const text = renderText(String(p.text), p.parse_mode as string | undefined);
      const message = makeMessage(p, { text });
      options.print(formatMessage('bot', text, keyboardButtons(p.reply_markup)));
      return remember(message, p.reply_markup);
    },
    editMessageText: (p) => {
      const text = renderText(String(p.text), p.parse_mode as string | undefined);
      options.print(formatMessage(`bot (edited message ${String(p.message_id)})`, text, keyboardButtons(p.reply_markup)));
      return remember(makeMessage(p, { text, edit_date: Math.floor(options.clock().getTime() / 1000) }), p.reply_markup);
    },
    editMessageReplyMarkup: (p) => {
      const buttons = keyboardButtons(p.reply_markup);
      options.print(formatMessage(`bot (edited buttons of message ${String(p.message_id)})`, buttons.length === 0 ? '(buttons removed)' : '', buttons));
      return remember(makeMessage(p, {}), p.reply_markup);
    },
    answerCallbackQuery: (p) => {
      if (typeof p.text === 'string' && p.text.length > 0) options.print(formatMessage(p.show_alert === true ? 'bot (alert)' : 'bot (notice)', p.text, []));
      return true;
    },
    sendPhoto: async (p) => sendFile(p, 'photo', 'photo.png'),
    sendDocument: async (p) => sendFile(p, 'document', 'document.bin'),
    deleteMessage: (p) => {
      options.print(`bot (deleted message ${String(p.message_id)})`);
      return true;
    },
  };
  const accepted = ['sendChatAction', 'setMyCommands', 'deleteMyCommands', 'setWebhook', 'deleteWebhook', 'close', 'logOut'];

  async function sendFile(p: Payload, field: 'photo' | 'document', fallbackName: string): Promise<Message> {
    const path = await saveFile(p[field], fallbackName);
    const caption = typeof p.caption === 'string' ? renderText(p.caption, p.parse_mode as string | undefined) : '';
    options.print(formatMessage(`bot (${field})`, `saved ${path}${caption ? `\n${caption}` : ''}`, keyboardButtons(p.reply_markup)));
    return remember(makeMessage(p, caption ? { caption } : {}), p.reply_markup);
  }

  /**
   * A `fetch` for grammY's client: every Api object (the bot's, each update's, and the
   * conversations plugin's own) talks to it, so nothing can slip past to the network.
   */
  const fetch = async (url: string | URL, init?: RequestInit): Promise<Response> => {
    const { method, payload } = await readApiRequest(url, init);
    const handler = handlers[method];
    if (handler !== undefined) return apiResponse({ ok: true, result: await handler(payload) });
    if (accepted.includes(method)) return apiResponse({ ok: true, result: true });
    return apiResponse({ ok: false, error_code: 400, description: `Bad Request: ${method} is not available in local mode` });
  };

  return { fetch, lastKeyboard: () => lastKeyboard };
}

function keyboardButtons(markup: unknown): InlineKeyboardButton[] {
  const rows = (markup as { inline_keyboard?: InlineKeyboardButton[][] } | undefined)?.inline_keyboard;
  return rows === undefined ? [] : rows.flat();
}

/** `bot › text` with continuation lines indented and buttons numbered under it. */
export function formatMessage(label: string, text: string, buttons: readonly InlineKeyboardButton[]): string {
  const prefix = `${label} › `;
  const indent = ' '.repeat(4);
  const lines = text.split('\n').map((line, i) => (i === 0 ? prefix + line : indent + line));
  if (buttons.length > 0) {
    lines.push(indent + buttons.map((b, i) => `[${i + 1}] ${b.text}${'url' in b ? ` (${b.url})` : ''}`).join('  '));
  }
  return lines.join('\n');
}

function isUpload(value: unknown): value is UploadedFile {
  return typeof value === 'object' && value !== null && Buffer.isBuffer((value as UploadedFile).data);
}
