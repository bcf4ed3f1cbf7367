import { createInterface } from 'node:readline';
import type { Bot } from 'grammy';
import type { Update, User } from 'grammy/types';
import type { BotContext } from '../context.js';
import type { KeyboardRef } from './local-bot-api.js';

export interface LocalChatOptions {
  bot: Bot<BotContext>;
  input: NodeJS.ReadableStream;
  /** For the prompt and the local chat's own notes (not the bot's messages). */
  print: (line: string) => void;
  user: User;
  lastKeyboard: () => KeyboardRef | undefined;
  clock: () => Date;
  /**
   * The first update id (default 1). Ids that acted are kept across restarts so a
   * redelivery is skipped; a new run must number its updates above them.
   */
  firstUpdateId?: number;
  /** Show a `you ›` prompt: only on a terminal, never in a pipe. */
  prompt: boolean;
  /**
   * Waits for the background work an update started. In a pipe the next line is read only
   * after it, as a person reads the answer before typing: scripts then see each outcome.
   */
  settle: () => Promise<void>;
}

/**
 * Turns terminal lines into Telegram updates for the bot. `#N` presses button N of the
 * latest message with buttons; `##…` sends text that starts with `#`, so a press can
 * never be mistaken for an answer typed into a conversation, or the other way round.
 * Resolves when the input ends and the last update has been handled.
 */
export async function runLocalChat(options: LocalChatOptions): Promise<void> {
  const lines = createInterface({ input: options.input, terminal: false });
  let updateId = options.firstUpdateId ?? 1;
  const chat = { id: options.user.id, type: 'private' as const, first_name: options.user.first_name };
  const date = () => Math.floor(options.clock().getTime() / 1000);
  const showPrompt = () => {
    if (options.prompt) process.stdout.write('you › ');
  };

  showPrompt();
  for await (const raw of lines) {
    const line = raw.trimEnd();
    if (line.trim() === '') {
      showPrompt();
      continue;
    }
    const press = /^#(\d+)$/.exec(line.trim());
    const text = line.startsWith('##') ? line.slice(1) : line;
    // In a pipe nobody sees what was typed: echo it so the transcript reads like the chat.
    if (press === null && !options.prompt) options.print(`you › ${text}`);
    const update: Update | undefined = press === null ? messageUpdate(updateId, text) : pressUpdate(updateId, Number(press[1]));
    if (update !== undefined) {
      updateId++;
      await options.bot.handleUpdate(update);
      if (!options.prompt) await options.settle();
    }
    showPrompt();
  }

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

  function pressUpdate(id: number, n: number): Update | undefined {
    const keyboard = options.lastKeyboard();
    const button = keyboard?.buttons[n - 1];
    if (keyboard === undefined || button === undefined) {
      options.print(keyboard === undefined ? 'local › no message with buttons yet' : `local › no button ${n}: the latest message has ${keyboard.buttons.length}`);
      return undefined;
    }
    if (!('callback_data' in button)) {
      options.print(`local › button ${n} is a link: ${'url' in button ? button.url : button.text}`);
      return undefined;
    }
    options.print(`you › [${n}] ${button.text}`);
    return {
      update_id: id,
      callback_query: {
        id: String(id),
        from: options.user,
        chat_instance: String(chat.id),
        message: keyboard.message as never,
        data: button.callback_data,
      },
    };
  }
}
