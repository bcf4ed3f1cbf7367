import { clearScreenDown, cursorTo, moveCursor, type Interface } from 'node:readline';
import { countRows, truncateToWidth } from './display-width.js';

/** What the screen writes to: process.stdout, or a fake terminal in tests. */
export interface ScreenOutput {
  write(text: string): unknown;
  readonly columns?: number;
  readonly rows?: number;
  on?(event: 'resize', listener: () => void): unknown;
}

export interface ChatScreen {
  readonly interactive: boolean;
  /** A new block under everything printed so far; `key` lets `replace` find it again. */
  print(text: string, key?: string): void;
  /**
   * The block with this key, with new text: redrawn in place on a terminal while it is
   * still on screen, else printed anew at the bottom (and found there from then on).
   */
  replace(key: string, text: string, fallback?: string): void;
  /** On a terminal, `line` cut to one row (a note that should not wrap); in a pipe, as it is. */
  fit(line: string): string;
  /** A line the terminal already shows (what the person typed, echoed by readline). */
  typed(text: string): void;
  /** The prompt to keep under the output: redrawn, with what is being typed, after every print. */
  attachPrompt(prompt: Interface | undefined): void;
}

interface Block {
  key?: string;
  text: string;
  rows: number;
}

/** Blocks remembered for redrawing; older ones have scrolled away on any real terminal. */
const KEPT_BLOCKS = 200;

/**
 * The local chat's output. In a pipe, plain lines, edits printed again. On a terminal,
 * bot messages go above the prompt and never through the line being typed, and an edit
 * of a message still on screen (a backfill's progress every 3 s) redraws it in place,
 * with everything printed after it, instead of printing it again.
 */
export function createChatScreen(output: ScreenOutput, interactive: boolean): ChatScreen {
  const blocks: Block[] = [];
  let prompt: Interface | undefined;
  // After a resize the rows of earlier blocks are unknown: redraw nothing above it.
  let redrawFrom = 0;
  output.on?.('resize', () => {
    redrawFrom = blocks.length;
  });
  const columns = () => output.columns ?? 80;

  const clearPrompt = () => {
    if (prompt === undefined) return;
    moveCursor(output as NodeJS.WritableStream, 0, -prompt.getCursorPos().rows);
    cursorTo(output as NodeJS.WritableStream, 0);
    clearScreenDown(output as NodeJS.WritableStream);
  };
  const drawPrompt = () => {
    if (prompt === undefined) return;
    // readline moves up by the rows of its last drawing before it redraws; we cleared it already.
    (prompt as unknown as { prevRows?: number }).prevRows = 0;
    prompt.prompt(true);
  };
  const remember = (block: Block) => {
    blocks.push(block);
    if (blocks.length > KEPT_BLOCKS) {
      blocks.shift();
      redrawFrom = Math.max(0, redrawFrom - 1);
    }
  };

  return {
    interactive,
    print(text, key) {
      if (!interactive) {
        output.write(`${text}\n`);
        return;
      }
      clearPrompt();
      output.write(`${text}\n`);
      remember({ ...(key === undefined ? {} : { key }), text, rows: countRows(text, columns()) });
      drawPrompt();
    },
    replace(key, text, fallback = text) {
      const index = blocks.findLastIndex((b) => b.key === key);
      const below = index === -1 ? [] : blocks.slice(index);
      const rowsAbovePrompt = below.reduce((sum, b) => sum + b.rows, 0);
      const promptRows = prompt === undefined ? 1 : prompt.getCursorPos().rows + 1;
      // Only what is still on screen can be reached: the cursor cannot move into the scrollback.
      if (!interactive || index === -1 || index < redrawFrom || rowsAbovePrompt + promptRows > (output.rows ?? 24)) {
        if (index !== -1) delete blocks[index]?.key;
        this.print(fallback, key);
        return;
      }
      clearPrompt();
      moveCursor(output as NodeJS.WritableStream, 0, -rowsAbovePrompt);
      clearScreenDown(output as NodeJS.WritableStream);
      (below[0] as Block).text = text;
      for (const block of below) {
        block.rows = countRows(block.text, columns());
        output.write(`${block.text}\n`);
      }
      drawPrompt();
    },
    fit(line) {
      return interactive ? truncateToWidth(line, columns()) : line;
    },
    typed(text) {
      if (interactive) remember({ text, rows: countRows(text, columns()) });
    },
    attachPrompt(next) {
      prompt = next;
    },
  };
}
