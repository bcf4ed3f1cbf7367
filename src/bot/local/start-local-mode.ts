import type { Bot } from 'grammy';
import type { Config } from '../../config.js';
import type { TaskTracker } from '../../engine/index.js';
import type { BotContext } from '../context.js';
import type { RunningTransport } from '../running-transport.js';
import type { KeyboardRef } from './local-bot-api.js';
import { runLocalChat } from './local-chat.js';
import { LOCAL_USER } from './local-identity.js';

export interface LocalModeOptions {
  bot: Bot<BotContext>;
  config: Config;
  version: string;
  tasks: TaskTracker;
  input: NodeJS.ReadableStream;
  output: { write(text: string): unknown };
  interactive: boolean;
  clock: () => Date;
  /** From the local Bot API the bot was built with (see createLocalBotApi). */
  lastKeyboard: () => KeyboardRef | undefined;
  /** Resolves once the outbox handed over what the last line made the bot say. */
  outboxIdle: () => Promise<void>;
  /** The first update id to use (see LocalChatOptions). */
  firstUpdateId?: number;
}

/**
 * The terminal chat: stdin lines become updates for a bot built on the local Bot API,
 * which prints what the bot sends. `done` resolves once the input ended and background
 * work finished.
 */
export function startLocalMode(options: LocalModeOptions): RunningTransport {
  const print = (text: string) => options.output.write(`${text}\n`);

  print(`Countersign ${options.version} — LOCAL · ${options.config.tradingMode.toUpperCase()}`);
  print('A chat with your bot in this terminal. Type /help for commands, #1 to press button 1 of the latest message with buttons, Ctrl-D to quit.');
  print(`Data: ${options.config.dataDir}\n`);

  const done = runLocalChat({
    bot: options.bot,
    input: options.input,
    print,
    user: LOCAL_USER,
    lastKeyboard: options.lastKeyboard,
    clock: options.clock,
    ...(options.firstUpdateId === undefined ? {} : { firstUpdateId: options.firstUpdateId }),
    prompt: options.interactive,
    settle: async () => {
      await options.tasks.drain(60_000);
      await options.outboxIdle();
    },
  }).then(async () => {
    if (options.interactive) print('');
    await options.tasks.drain(30_000);
    await options.outboxIdle();
  });

  return {
    label: 'LOCAL',
    done,
    // Closing stdin's reader is the process's job; nothing here holds a connection.
    stop: async () => undefined,
  };
}
