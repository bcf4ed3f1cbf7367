/**
 * Columns a line takes on a terminal, to know how many rows a printed block covers (and
 * so how far up to move to redraw it). Emoji and East Asian wide characters take two
 * columns, combining marks and zero-width joiners none. Close enough for the chat's
 * own text; a miscount only makes an in-place redraw fall back to printing anew.
 */
export function displayWidth(line: string): number {
  const chars = [...line.replace(ANSI_ESCAPE, '')];
  let width = 0;
  chars.forEach((char, i) => {
    const code = char.codePointAt(0) ?? 0;
    if (code < 0x20 || (code >= 0x7f && code < 0xa0) || ZERO_WIDTH.test(char)) return;
    // ⚠ alone is text (one column); ⚠️, with the emoji variation selector, is a picture (two).
    const asPicture = EMOJI_PRESENTATION.test(char) || (chars[i + 1] === '\ufe0f' && PICTOGRAPHIC.test(char));
    width += asPicture || isWide(code) ? 2 : 1;
  });
  return width;
}

/** `line` cut to at most `width` columns, ending in `…` when cut. */
export function truncateToWidth(line: string, width: number): string {
  if (displayWidth(line) <= width) return line;
  let kept = '';
  for (const char of line) {
    if (displayWidth(`${kept}${char}…`) > width) break;
    kept += char;
  }
  return `${kept}…`;
}

/** Rows `text` covers on a terminal `columns` wide (every line at least one). */
export function countRows(text: string, columns: number): number {
  const width = Math.max(1, columns);
  return text.split('\n').reduce((rows, line) => rows + Math.max(1, Math.ceil(displayWidth(line) / width)), 0);
}

// eslint-disable-next-line no-control-regex -- matching terminal escape sequences is the point
const ANSI_ESCAPE = /\x1b\[[0-9;?]*[A-Za-z]/g;
const ZERO_WIDTH = /^(?:\p{Mn}|\p{Me}|[\u200b-\u200f\u2060]|[\ufe00-\ufe0f])$/u;
const EMOJI_PRESENTATION = /\p{Emoji_Presentation}/u;
const PICTOGRAPHIC = /\p{Extended_Pictographic}/u;

function isWide(code: number): boolean {
  return (
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0xa4cf && code !== 0x303f) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    (code >= 0x20000 && code <= 0x3fffd)
  );
}
