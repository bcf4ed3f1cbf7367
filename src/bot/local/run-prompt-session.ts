import { clearScreenDown, createInterface, cursorTo } from 'node:readline';
import type { ChatScreen } from './chat-screen.js';
import type { MessageBoard } from './message-board.js';

export const PROMPT = 'you › ';

export interface PromptSessionOptions {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  screen: ChatScreen;
  board: MessageBoard;
  handleLine: (line: string) => Promise<void>;
  pending: () => string[];
  idle: () => Promise<void>;
}

type PromptEnd = 'closed' | 'interrupted' | 'idle';

/**
 * The chat on a terminal: a readline prompt that bot messages are printed above. Ctrl-C
 * ends it at once ('interrupted': the app then stops cleanly). Ctrl-D with work still
 * running says what runs and keeps the chat open — buttons such as a backfill's Cancel
 * still work — and ends it once nothing runs any more.
 */
export async function runPromptSession(options: PromptSessionOptions): Promise<'ended' | 'interrupted'> {
  let history: string[] = [];
  let quitting = false;
  for (;;) {
    const prompt = openPrompt(options, history);
    const idle = quitting ? options.idle().then((): PromptEnd => 'idle') : new Promise<PromptEnd>(() => undefined);
    const end = await Promise.race([prompt.ended, idle]);
    history = prompt.history();
    prompt.close();
    await prompt.settled();
    if (end === 'interrupted') return 'interrupted';
    const pending = options.pending();
    if (end === 'idle' || pending.length === 0) {
      if (quitting) options.screen.print('local › nothing is running any more: bye.');
      return 'ended';
    }
    quitting = true;
    options.screen.print(describeQuitting(pending, options.board));
  }
}

function openPrompt(options: PromptSessionOptions, history: string[]) {
  const { screen, output } = options;
  const rl = createInterface({ input: options.input, output, terminal: true, prompt: PROMPT, history, historySize: 200, removeHistoryDuplicates: true });
  let lines = Promise.resolve();
  let kept = history;
  rl.on('history', (next) => {
    kept = next;
  });
  rl.on('line', (line) => {
    screen.typed(`${PROMPT}${line}`);
    // One update at a time, in order; the prompt is back at once for the next line.
    lines = lines.then(() => options.handleLine(line)).catch((error: unknown) => screen.print(`local › that failed: ${error instanceof Error ? error.message : String(error)}`));
    rl.prompt();
  });
  const ended = new Promise<PromptEnd>((resolve) => {
    rl.on('SIGINT', () => resolve('interrupted'));
    rl.on('close', () => resolve('closed'));
  });
  screen.attachPrompt(rl);
  rl.prompt();
  let closed = false;
  return {
    ended,
    history: () => kept,
    settled: () => lines,
    close() {
      if (closed) return;
      closed = true;
      screen.attachPrompt(undefined);
      rl.close();
      // The empty prompt goes: what follows starts on a clean line.
      cursorTo(output, 0);
      clearScreenDown(output);
    },
  };
}

/** What still runs after Ctrl-D, and the buttons still on screen (a backfill's Cancel among them). */
function describeQuitting(pending: readonly string[], board: MessageBoard): string {
  const named = (n: number) => pending.some((line) => line.includes(`#${n}`));
  const buttons = board
    .withButtons()
    .filter((entry) => !named(entry.number))
    .slice(0, 5)
    .map((entry) => `#${entry.number} ${entry.title}: ${entry.buttons.map((b, i) => `[${entry.number}.${i + 1}] ${b.text}`).join('  ')}`);
  return [
    'local › quitting once this is done:',
    ...pending.map((p) => `    ${p}`),
    ...(buttons.length === 0 ? [] : ['    Other buttons still work:', ...buttons.map((b) => `      ${b}`)]),
    '    Ctrl-C quits now: a backfill stops where it is and carries on at the next start.',
  ].join('\n');
}
