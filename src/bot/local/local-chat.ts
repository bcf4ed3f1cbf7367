import { createInterface } from 'node:readline';
import type { Bot } from 'grammy';
import type { Update, User } from 'grammy/types';
import type { BotContext } from '../context.js';
import type { ChatScreen } from './chat-screen.js';
import type { BoardEntry, MessageBoard } from './message-board.js';
import { parseLocalInput } from './parse-local-input.js';
import { runPromptSession } from './run-prompt-session.js';

export interface LocalChatOptions {
  bot: Bot<BotContext>;
  input: NodeJS.ReadableStream;
  /** The terminal readline draws the prompt on (interactive only). */
  terminal?: NodeJS.WritableStream;
  screen: ChatScreen;
  board: MessageBoard;
  user: User;
  clock: () => Date;
  /**
   * The first update id (default 1). Ids that acted are kept across restarts so a
   * redelivery is skipped; a new run must number its updates above them.
   */
  firstUpdateId?: number;
  /**
   * Waits for the background work an update started. In a pipe the next line is read only
   * after it, as a person reads the answer before typing: scripts then see each outcome.
   */
  settle: () => Promise<void>;
  /** What still runs in the background, one line each; empty when nothing does. */
  pending: () => string[];
  /** Resolves once no background work is left. */
  idle: () => Promise<void>;
}

/** How the chat ended: input ended (Ctrl-D, end of the pipe) after the work, or Ctrl-C. */
export type ChatEnd = 'ended' | 'interrupted';

/**
 * Turns terminal lines into Telegram updates for the bot: text and commands as messages,
 * `#N` / `#M.N` as presses of a button on a message still on screen. Resolves when the
 * input ended and no background work is left, or at once on Ctrl-C.
 */
export async function runLocalChat(options: LocalChatOptions): Promise<ChatEnd> {
  let updateId = options.firstUpdateId ?? 1;
  const chat = { id: options.user.id, type: 'private' as const, first_name: options.user.first_name };
  const date = () => Math.floor(options.clock().getTime() / 1000);
  const { screen } = options;

  async function handleLine(raw: string): Promise<void> {
    const input = parseLocalInput(raw);
    if (input.kind === 'empty') return;
    let update: Update | undefined;
    if (input.kind === 'text') {
      // In a pipe nobody sees what was typed: echo it so the transcript reads like the chat.
      if (!screen.interactive) screen.print(`you › ${input.text}`);
      update = messageUpdate(updateId, input.text);
    } else {
      update = pressUpdate(updateId, input.button, input.message, raw.trim());
    }
    if (update === undefined) return;
    updateId++;
    await options.bot.handleUpdate(update);
    if (!screen.interactive) await options.settle();
  }

  if (!screen.interactive || options.terminal === undefined) {
    for await (const line of createInterface({ input: options.input, terminal: false })) await handleLine(line);
    const pending = options.pending();
    if (pending.length > 0) screen.print(`local › input ended; quitting once this is done:\n${indent(pending)}`);
    await options.idle();
    return 'ended';
  }
  return runPromptSession({ input: options.input, output: options.terminal, screen, handleLine, settle: options.settle, pending: options.pending, idle: options.idle, board: options.board });

  function messageUpdate(id: number, text: string): Update {
    const command = /^\/[A-Za-z0-9_]+(@[A-Za-z0-9_]+)?/.exec(text);
    return {
      update_id: id,
      message: {
        message_id: -id, // local ids for the user's messages never collide with the bot's
        date: date(),
        chat,
        from: options.user,
        text,
        ...(command === null ? {} : { entities: [{ type: 'bot_command', offset: 0, length: command[0].length }] }),
      },
    };
  }

  function pressUpdate(id: number, index: number, number: number | undefined, typed: string): Update | undefined {
    const found = options.board.lookup(index, number);
    if (found.kind === 'problem') {
      screen.print(`local › ${typed}: ${found.problem}`);
      return undefined;
    }
    const { entry, button } = found;
    if (!('callback_data' in button)) {
      screen.print(`local › ${typed}: button ${entry.number}.${index} is a link: ${'url' in button ? button.url : button.text}`);
      return undefined;
    }
    screen.print(describePress(entry, index, button.text, screen));
    return {
      update_id: id,
      callback_query: { id: String(id), from: options.user, chat_instance: String(chat.id), message: entry.message as never, data: button.callback_data },
    };
  }
}

/** Which button of which message: the press may go to any message on screen, so say which. */
function describePress(entry: BoardEntry, index: number, label: string, screen: ChatScreen): string {
  const target = `[${entry.number}.${index}] ${label} on #${entry.number}: ${entry.title}`;
  // On a terminal the typed `#3.1` is already on screen, and this note is one row under it; in a pipe the press is the echo.
  return screen.interactive ? screen.fit(`    ↳ ${target}`) : `you › ${target}`;
}

export function indent(lines: readonly string[]): string {
  return lines.map((l) => `    ${l}`).join('\n');
}
