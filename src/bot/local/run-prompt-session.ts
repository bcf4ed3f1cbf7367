import { clearScreenDown, createInterface, cursorTo } from 'node:readline';
import type { ChatScreen } from './chat-screen.js';
import type { MessageBoard } from './message-board.js';
import { parseLocalInput } from './parse-local-input.js';

export const PROMPT = 'you › ';

export interface PromptSessionOptions {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  screen: ChatScreen;
  board: MessageBoard;
  handleLine: (line: string) => Promise<void>;
  /** Waits for the background work the lines so far started (a pasted line waits for it, as in a pipe). */
  settle: () => Promise<void>;
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
  let pasted = Promise.resolve();
  let interrupted = false;
  let lineThisTick = false;
  let kept = history;
  rl.on('history', (next) => {
    kept = next;
  });
  // One update at a time, in order; the prompt is back at once for the next line.
  const handle = (line: string) =>
    (lines = lines.then(() => options.handleLine(line)).catch((error: unknown) => screen.print(`local › that failed: ${error instanceof Error ? error.message : String(error)}`)));
  // Its echo is far above by now: say which line the answers below belong to (a press says so itself).
  const handleLater = (line: string) => {
    if (parseLocalInput(line).kind === 'text') screen.print(screen.fit(`    ↳ now: ${line}`));
    return handle(line);
  };
  rl.on('line', (line) => {
    screen.typed(`${PROMPT}${line}`);
    // Lines that arrive together were pasted: a script such as the README's first session.
    // Each waits for the work of the one before, as in a pipe, or its /scan would run before
    // the backfill stored anything and its #1 would press the backfill's Cancel. A line
    // typed by hand runs at once, so Cancel works while a backfill runs.
    if (lineThisTick) pasted = pasted.then(() => lines).then(options.settle).then(() => (interrupted ? undefined : handleLater(line)));
    else handle(line);
    lineThisTick = true;
    setImmediate(() => (lineThisTick = false));
    rl.prompt();
  });
  const ended = new Promise<PromptEnd>((resolve) => {
    rl.on('SIGINT', () => {
      // Ctrl-C quits now: pasted lines still waiting are dropped, not waited for.
      interrupted = true;
      resolve('interrupted');
    });
    rl.on('close', () => resolve('closed'));
  });
  screen.attachPrompt(rl);
  rl.prompt();
  let closed = false;
  return {
    ended,
    history: () => kept,
    /** The lines handled, and on Ctrl-D the pasted ones that still wait too. */
    settled: () => (interrupted ? lines : pasted.then(() => lines)),
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
