import { createInterface } from 'node:readline';
import { setImmediate as tick } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { createChatScreen } from '../../../src/bot/local/chat-screen.js';
import { createFakeKeyboard, FakeTerminal } from '../../helpers/fake-terminal.js';

/** A screen on a fake terminal with a readline prompt under it, as the local chat has. */
function terminalChat(columns = 60, rows = 20) {
  const terminal = new FakeTerminal(columns, rows);
  const keyboard = createFakeKeyboard();
  const screen = createChatScreen(terminal, true);
  const prompt = createInterface({ input: keyboard, output: terminal, terminal: true, prompt: 'you › ' });
  screen.attachPrompt(prompt);
  prompt.prompt();
  const type = async (keys: string) => {
    keyboard.write(keys);
    await tick();
  };
  return { terminal, screen, prompt, type, close: () => prompt.close() };
}

const PROGRESS = (percent: number) => `bot #1 › Backfill b1 · sim\n    ${percent}%\n    [1.1] Cancel`;

describe('the local chat on a terminal', () => {
  it('never prints a bot message over the line being typed: it goes above, and the prompt comes back with the typing', async () => {
    const t = terminalChat();
    await t.type('/sta');
    t.screen.print('bot #1 › Scan done');
    expect(t.terminal.lines(), 'the message above, the half-typed line intact below').toEqual(['bot #1 › Scan done', 'you › /sta']);
    expect(t.terminal.cursor(), 'the cursor where the typing goes on').toEqual({ row: 1, col: 10 });
    await t.type('tus');
    expect(t.terminal.lines().at(-1), 'typing goes on where it was').toBe('you › /status');
    t.close();
  });

  it('keeps a line typed long enough to wrap whole when a message arrives', async () => {
    const t = terminalChat(20);
    await t.type('/backfill sim watchlist');
    t.screen.print('bot #2 › hi');
    expect(t.terminal.lines(), 'the prompt and its typing redrawn over two rows, under the message').toEqual(['bot #2 › hi', 'you › /backfill sim', 'watchlist']);
    t.close();
  });

  it('redraws a progress edit in place, with everything printed after it, instead of printing it again', async () => {
    const t = terminalChat();
    t.screen.print(PROGRESS(10), 'm1');
    t.screen.typed('you › /status');
    t.screen.print('bot #2 › Status: fine');
    t.screen.replace('m1', PROGRESS(40));
    expect(t.terminal.lines(), 'the same rows: the new progress where the old one was, then the rest, then the prompt').toEqual([
      'bot #1 › Backfill b1 · sim',
      '    40%',
      '    [1.1] Cancel',
      'you › /status',
      'bot #2 › Status: fine',
      'you ›',
    ]);
    t.close();
  });

  it('prints an edit anew at the bottom once the message has scrolled out of reach', async () => {
    const t = terminalChat(60, 6);
    t.screen.print(PROGRESS(10), 'm1');
    for (let i = 0; i < 6; i++) t.screen.print(`bot #${i + 2} › line ${i}`);
    t.screen.replace('m1', PROGRESS(50), 'bot #1 (edited) › 50%');
    expect(t.terminal.lines().slice(0, 3), 'the old rendering stays in the scrollback').toEqual(['bot #1 › Backfill b1 · sim', '    10%', '    [1.1] Cancel']);
    expect(t.terminal.lines().slice(-2), 'the edit at the bottom, the prompt under it').toEqual(['bot #1 (edited) › 50%', 'you ›']);
    t.screen.replace('m1', PROGRESS(60), 'bot #1 (edited) › 60%');
    expect(t.terminal.lines().slice(-4), 'and the next edit redraws that new copy in place').toEqual(['bot #1 › Backfill b1 · sim', '    60%', '    [1.1] Cancel', 'you ›']);
    t.close();
  });
});

describe('the local chat in a pipe', () => {
  it('writes plain lines: no prompt, no escape codes, an edit printed again in full', () => {
    const out: string[] = [];
    const screen = createChatScreen({ write: (text: string) => out.push(text) }, false);
    screen.print(PROGRESS(10), 'm1');
    screen.replace('m1', PROGRESS(40), 'bot #1 (edited) › 40%');
    expect(out.join(''), 'a transcript that reads top to bottom').toBe(`${PROGRESS(10)}\nbot #1 (edited) › 40%\n`);
  });
});
