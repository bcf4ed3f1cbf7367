import type { Bot } from 'grammy';
import type { Config } from '../../config.js';
import type { TaskTracker } from '../../engine/index.js';
import type { BotContext } from '../context.js';
import type { RunningTransport } from '../running-transport.js';
import type { ChatScreen } from './chat-screen.js';
import type { RunningWork } from './describe-running-work.js';
import { indent, runLocalChat } from './local-chat.js';
import { LOCAL_USER } from './local-identity.js';
import type { MessageBoard } from './message-board.js';

export interface LocalModeOptions {
  bot: Bot<BotContext>;
  config: Config;
  version: string;
  tasks: TaskTracker;
  input: NodeJS.ReadableStream;
  /** The terminal readline draws the prompt on, when the chat is interactive. */
  terminal?: NodeJS.WritableStream;
  /** From the local Bot API the bot was built with (see createLocalBotApi). */
  screen: ChatScreen;
  board: MessageBoard;
  clock: () => Date;
  /** Resolves once the outbox handed over what the last line made the bot say. */
  outboxIdle: () => Promise<void>;
  /** What runs in the background, as a person would say it (a backfill with its progress). */
  describeWork: () => RunningWork[];
  /** The first update id to use (see LocalChatOptions). */
  firstUpdateId?: number;
}

/** Long enough for any answer; a backfill that takes longer is waited for at the end instead. */
const SETTLE_MS = 60_000;
const IDLE_POLL_MS = 3_600_000;

/**
 * The terminal chat: stdin lines become updates for a bot built on the local Bot API,
 * which prints what the bot sends. `done` resolves once the input ended and background
 * work finished, or at once on Ctrl-C; the app then stops, and `stop` says what a stop
 * interrupts.
 */
export function startLocalMode(options: LocalModeOptions): RunningTransport {
  const { screen } = options;
  screen.print(`Countersign ${options.version} — LOCAL · ${options.config.tradingMode.toUpperCase()}`);
  screen.print(
    [
      'A chat with your bot in this terminal. Type /help for the commands.',
      'Buttons show as [3.1]: #3.1 presses button 1 of message #3, #1 button 1 of the newest message with buttons.',
      ...(screen.interactive ? ['Ctrl-D quits once running work is done; Ctrl-C quits now.'] : []),
    ].join('\n'),
  );
  screen.print(`Data: ${options.config.dataDir}\n`);

  const idle = async () => {
    while (!(await options.tasks.drain(IDLE_POLL_MS)));
    await options.outboxIdle();
  };
  let interrupted = false;
  const done = runLocalChat({
    bot: options.bot,
    input: options.input,
    ...(options.terminal === undefined ? {} : { terminal: options.terminal }),
    screen,
    board: options.board,
    user: LOCAL_USER,
    clock: options.clock,
    ...(options.firstUpdateId === undefined ? {} : { firstUpdateId: options.firstUpdateId }),
    settle: async () => {
      await options.tasks.drain(SETTLE_MS);
      await options.outboxIdle();
    },
    pending: () => options.describeWork().map((work) => (work.where === undefined ? work.what : `${work.what}: ${work.where}`)),
    idle,
  }).then((end) => {
    interrupted = end === 'interrupted';
  });

  return {
    label: 'LOCAL',
    done,
    async stop() {
      // The app stops next; tell what that cuts short, while it is still true.
      const running = options.describeWork().map((work) => work.what);
      if (running.length > 0) screen.print(`local › stopping now; this stops where it is and carries on at the next start:\n${indent(running)}`);
      else if (interrupted) screen.print('local › stopping.');
    },
  };
}
