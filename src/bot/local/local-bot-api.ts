import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { InlineKeyboardButton, Message, UserFromGetMe } from 'grammy/types';
import type { ChatScreen } from './chat-screen.js';
import { createMessageBoard, type BoardEntry, type MessageBoard } from './message-board.js';
import { apiResponse, readApiRequest, type UploadedFile } from './read-api-request.js';
import { renderText } from './render-text.js';

export interface LocalBotApiOptions {
  botInfo: UserFromGetMe;
  filesDir: string;
  screen: ChatScreen;
  clock: () => Date;
}

type Payload = Record<string, unknown>;

/**
 * Stands in for the Bot API in local mode: the bot's outgoing calls are shown as they
 * would read in Telegram — each message numbered (`bot #3 ›`), its buttons as `[3.1]` —
 * and answered with results shaped like Telegram's, so the very same handlers, keyboards
 * and plugins run unchanged. The board remembers every message's buttons for presses.
 */
export function createLocalBotApi(options: LocalBotApiOptions) {
  const { screen } = options;
  const board = createMessageBoard();
  // Ids go on from the clock, so an edit of a message from an earlier run (a pending
  // proposal expiring after a restart) never lands on a message of this one.
  let nextMessageId = Math.floor(options.clock().getTime() / 1000) * 1000;
  let fileCount = 0;
  const now = () => Math.floor(options.clock().getTime() / 1000);

  const makeMessage = (p: Payload, extra: Partial<Message>): Message =>
    ({
      message_id: typeof p.message_id === 'number' ? p.message_id : nextMessageId++,
      date: now(),
      chat: { id: Number(p.chat_id), type: 'private', first_name: 'You' },
      from: options.botInfo,
      ...extra,
    }) as Message;

  const show = (entry: BoardEntry, kind: 'sent' | 'edited', fallback?: string) => {
    const text = formatMessage(`bot #${entry.number}${kind === 'edited' ? ' (edited)' : ''}`, entry.text, entry.buttons, entry.number);
    if (kind === 'sent') screen.print(text, `m${entry.message.message_id}`);
    else screen.replace(`m${entry.message.message_id}`, text, fallback ?? text);
  };
  const render = (p: Payload, field: 'text' | 'caption') => renderText(String(p[field]), p.parse_mode as string | undefined);

  const handlers: Record<string, (p: Payload) => Promise<unknown> | unknown> = {
    getMe: () => options.botInfo,
    sendMessage: (p) => {
      const text = render(p, 'text');
      const message = makeMessage(p, { text });
      show(board.record(message, keyboardButtons(p.reply_markup), text), 'sent');
      return message;
    },
    editMessageText: (p) => {
      const text = render(p, 'text');
      const message = makeMessage(p, { text, edit_date: now() });
      show(board.record(message, keyboardButtons(p.reply_markup), text), 'edited');
      return message;
    },
    editMessageReplyMarkup: (p) => {
      const buttons = keyboardButtons(p.reply_markup);
      const entry = board.record(makeMessage(p, {}), buttons, undefined);
      const note = buttons.length === 0 ? `bot #${entry.number} (buttons removed)` : formatMessage(`bot #${entry.number} (buttons changed)`, '', buttons, entry.number);
      show(entry, 'edited', note);
      return entry.message;
    },
    answerCallbackQuery: (p) => {
      if (typeof p.text === 'string' && p.text.length > 0) screen.print(formatMessage(p.show_alert === true ? 'bot (alert)' : 'bot (notice)', p.text, []));
      return true;
    },
    sendPhoto: async (p) => sendFile(p, 'photo', 'photo.png'),
    sendDocument: async (p) => sendFile(p, 'document', 'document.bin'),
    deleteMessage: (p) => {
      const entry = board.find(Number(p.message_id));
      board.forget(Number(p.message_id));
      const label = entry === undefined ? 'a message' : `message #${entry.number}`;
      screen.replace(`m${String(p.message_id)}`, `bot (deleted ${label})`);
      return true;
    },
  };
  const accepted = ['sendChatAction', 'setMyCommands', 'deleteMyCommands', 'setWebhook', 'deleteWebhook', 'close', 'logOut'];

  async function sendFile(p: Payload, field: 'photo' | 'document', fallbackName: string): Promise<Message> {
    const path = await saveFile(p[field], fallbackName);
    const caption = typeof p.caption === 'string' ? render(p, 'caption') : '';
    const message = makeMessage(p, caption ? { caption } : {});
    const entry = board.record(message, keyboardButtons(p.reply_markup), `(${field}) saved ${path}${caption ? `\n${caption}` : ''}`);
    show(entry, 'sent');
    return message;
  }

  async function saveFile(file: unknown, fallbackName: string): Promise<string> {
    await mkdir(options.filesDir, { recursive: true });
    const upload = isUpload(file) ? file : undefined;
    const name = `${Date.now()}-${++fileCount}-${upload?.filename ?? fallbackName}`;
    const path = join(options.filesDir, name.replace(/[^A-Za-z0-9._-]/g, '_'));
    // A file id or URL (not an upload) is saved as the text it is.
    await writeFile(path, upload?.data ?? String(file));
    return path;
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

  return { fetch, board: board as MessageBoard, screen };
}

export type LocalBotApi = ReturnType<typeof createLocalBotApi>;

function keyboardButtons(markup: unknown): InlineKeyboardButton[] {
  const rows = (markup as { inline_keyboard?: InlineKeyboardButton[][] } | undefined)?.inline_keyboard;
  return rows === undefined ? [] : rows.flat();
}

/** `bot #3 › text` with continuation lines indented and the buttons, `[3.1] Approve`, under it. */
export function formatMessage(label: string, text: string, buttons: readonly InlineKeyboardButton[], number?: number): string {
  const prefix = `${label} › `;
  const indent = ' '.repeat(4);
  const lines = text === '' ? [label] : text.split('\n').map((line, i) => (i === 0 ? prefix + line : indent + line));
  if (buttons.length > 0) {
    const name = (i: number) => (number === undefined ? `${i + 1}` : `${number}.${i + 1}`);
    lines.push(indent + buttons.map((b, i) => `[${name(i)}] ${b.text}${'url' in b ? ` (${b.url})` : ''}`).join('  '));
  }
  return lines.join('\n');
}

function isUpload(value: unknown): value is UploadedFile {
  return typeof value === 'object' && value !== null && Buffer.isBuffer((value as UploadedFile).data);
}
