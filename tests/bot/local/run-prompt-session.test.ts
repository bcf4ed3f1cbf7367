import type { Message } from 'grammy/types';
import { setImmediate as tick } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { createChatScreen } from '../../../src/bot/local/chat-screen.js';
import { createMessageBoard } from '../../../src/bot/local/message-board.js';
import { runPromptSession } from '../../../src/bot/local/run-prompt-session.js';
import { createFakeKeyboard, FakeTerminal } from '../../helpers/fake-terminal.js';

const CTRL_C = '\x03';
const CTRL_D = '\x04';

/** A prompt session on a fake terminal, with background work the test switches off. */
function session(running: string[]) {
  const terminal = new FakeTerminal(100, 30);
  const keyboard = createFakeKeyboard();
  const screen = createChatScreen(terminal, true);
  const board = createMessageBoard();
  const lines: string[] = [];
  let finish!: () => void;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  const work = [...running];
  const ended = runPromptSession({
    input: keyboard,
    output: terminal,
    screen,
    board,
    handleLine: async (line) => {
      lines.push(line);
    },
    settle: () => finished,
    pending: () => work,
    idle: () => finished,
  });
  const type = async (keys: string) => {
    keyboard.write(keys);
    await tick();
    await tick();
  };
  const stopWork = async () => {
    work.length = 0;
    finish();
    await tick();
  };
  return { terminal, board, lines, ended, type, stopWork };
}

describe('quitting the local chat', () => {
  it('on Ctrl-D during a backfill: says what still runs, keeps Cancel reachable, and quits once nothing runs', async () => {
    const s = session(['backfill b1 (sim: 8 symbols × 1m, 300 days): progress on message #1, [1.1] Cancel']);
    s.board.record({ message_id: 10 } as Message, [{ text: 'Cancel', callback_data: 'bc:b1' }], 'Backfill b1 · sim · 40%');
    let done = false;
    void s.ended.then(() => (done = true));
    await s.type(CTRL_D);
    const shown = s.terminal.lines().join('\n');
    expect(shown, 'what still runs').toContain('local › quitting once this is done:\n    backfill b1 (sim: 8 symbols × 1m, 300 days): progress on message #1, [1.1] Cancel');
    expect(shown, 'how to stop now instead').toContain('Ctrl-C quits now: a backfill stops where it is and carries on at the next start.');
    expect(done, 'still open while the backfill runs').toBe(false);

    await s.type('#1.1\r');
    expect(s.lines, 'the Cancel press still reaches the bot').toEqual(['#1.1']);
    await s.stopWork();
    expect(await s.ended, 'quits by itself once the work is done').toBe('ended');
    expect(s.terminal.lines().at(-1), 'and says so').toBe('local › nothing is running any more: bye.');
  });

  it('on Ctrl-D with nothing running: quits at once', async () => {
    const s = session([]);
    await s.type(CTRL_D);
    expect(await s.ended, 'nothing to wait for').toBe('ended');
    expect(s.terminal.lines().join('\n'), 'no waiting note').not.toContain('quitting once');
  });

  it('on Ctrl-C: ends at once, even with work running, after the line being handled', async () => {
    const s = session(['a scan']);
    await s.type('/scan\r');
    await s.type(CTRL_C);
    expect(await s.ended, 'the app then stops cleanly').toBe('interrupted');
    expect(s.lines, 'the line typed before Ctrl-C was handled').toEqual(['/scan']);
  });

  it('on Ctrl-D while waiting: says again what runs, and Ctrl-C still quits now', async () => {
    const s = session(['a scan']);
    await s.type(CTRL_D);
    await s.type(CTRL_D);
    expect(s.terminal.lines().filter((l) => l === 'local › quitting once this is done:'), 'told twice').toHaveLength(2);
    await s.type(CTRL_C);
    expect(await s.ended, 'Ctrl-C wins').toBe('interrupted');
  });
});

describe('lines pasted into the local chat', () => {
  it("wait each for the work of the one before, as in a pipe: the README's session pasted whole keeps its order", async () => {
    const s = session(['backfill b1 (sim: 8 symbols × 15m, 60 days)']);
    await s.type('/backfill sim watchlist 15m 60\r/scan\r#1\r');
    expect(s.lines, 'the first line at once, the rest wait for the backfill').toEqual(['/backfill sim watchlist 15m 60']);
    await s.type('#1.1\r');
    expect(s.lines, 'a line typed by hand meanwhile runs at once: Cancel still works').toEqual(['/backfill sim watchlist 15m 60', '#1.1']);
    await s.stopWork();
    await tick();
    expect(s.lines, 'once the work is done, the pasted lines follow in order').toEqual(['/backfill sim watchlist 15m 60', '#1.1', '/scan', '#1']);
    expect(s.terminal.lines(), 'a pasted command says when it runs, its echo being far above by then').toContain('    ↳ now: /scan');
  });

  it('are dropped on Ctrl-C rather than waited for', async () => {
    const s = session(['a long backfill']);
    await s.type('/backfill sim watchlist 1m 300\r/scan\r');
    await s.type(CTRL_C);
    expect(await s.ended, 'quits now').toBe('interrupted');
    await s.stopWork();
    expect(s.lines, 'the pasted /scan never ran').toEqual(['/backfill sim watchlist 1m 300']);
  });
});
