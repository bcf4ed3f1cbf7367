import { PassThrough, Writable } from 'node:stream';

// eslint-disable-next-line no-control-regex -- reading terminal escape sequences is the point
const CSI = /^\x1b\[([0-9;?]*)([A-Za-z])/;

/**
 * Just enough of a terminal to see what a person would see: printable text with wrapping,
 * CR and LF (the tty turns LF into CR LF, as it does for Node in raw mode), and the
 * cursor moves and clears readline and the local chat use (CSI A/B/C/D/G/J/K). The
 * cursor cannot move above the top of the screen, like a real one: what scrolled away is
 * out of reach.
 */
export class FakeTerminal extends Writable {
  readonly isTTY = true;
  private readonly buffer: string[][] = [[]];
  private row = 0;
  private col = 0;
  private top = 0;
  /** Everything written, escape codes included. */
  raw = '';

  constructor(
    readonly columns = 80,
    readonly rows = 24,
  ) {
    super({ decodeStrings: false });
  }

  override _write(chunk: string | Buffer, _encoding: BufferEncoding, done: () => void): void {
    const text = String(chunk);
    this.raw += text;
    for (let i = 0; i < text.length; i++) {
      const char = text[i] as string;
      if (char === '\x1b' && text[i + 1] === '[') {
        const match = CSI.exec(text.slice(i));
        if (match !== null) {
          this.control(match[2] as string, match[1] as string);
          i += match[0].length - 1;
          continue;
        }
      }
      if (char === '\r') this.col = 0;
      else if (char === '\n') this.newLine();
      else this.put(char);
    }
    done();
  }

  /** The lines of the buffer, scrollback included, without trailing blanks. */
  lines(): string[] {
    const lines = this.buffer.map((cells) => cells.join('').trimEnd());
    while (lines.length > 0 && lines.at(-1) === '') lines.pop();
    return lines;
  }

  /** The visible screen's lines. */
  screen(): string[] {
    return this.buffer.slice(this.top, this.top + this.rows).map((cells) => cells.join('').trimEnd());
  }

  cursor(): { row: number; col: number } {
    return { row: this.row, col: this.col };
  }

  private put(char: string): void {
    if (this.col >= this.columns) {
      this.newLine();
    }
    const line = this.line();
    while (line.length < this.col) line.push(' ');
    line[this.col] = char;
    this.col++;
  }

  private newLine(): void {
    this.row++;
    this.col = 0;
    this.line();
    this.top = Math.max(this.top, this.row - this.rows + 1);
  }

  private line(): string[] {
    while (this.buffer.length <= this.row) this.buffer.push([]);
    return this.buffer[this.row] as string[];
  }

  private control(command: string, params: string): void {
    const n = params === '' ? 1 : Number(params.split(';')[0]);
    if (command === 'A') this.row = Math.max(this.top, this.row - n);
    else if (command === 'B') this.row += n;
    else if (command === 'C') this.col += n;
    else if (command === 'D') this.col = Math.max(0, this.col - n);
    else if (command === 'G') this.col = Math.max(0, n - 1);
    else if (command === 'K') this.clearLine(params === '' || params === '0' ? this.col : 0);
    else if (command === 'J') {
      this.clearLine(this.col);
      this.buffer.length = this.row + 1;
    }
  }

  private clearLine(from: number): void {
    const line = this.line();
    line.length = Math.min(line.length, from);
  }
}

/** Keyboard input for readline in terminal mode: a stream that says it is a TTY. */
export function createFakeKeyboard(): PassThrough & { isTTY: true; setRawMode: (raw: boolean) => void } {
  return Object.assign(new PassThrough(), { isTTY: true as const, setRawMode: () => undefined });
}
