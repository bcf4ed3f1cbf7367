/** Telegram's limit for a message's text. It counts the text after entity parsing, so
 * measuring the HTML source (always at least as long) keeps every part safely under it. */
export const TELEGRAM_MESSAGE_LIMIT = 4_096;

/**
 * Splits a message into parts of at most `limit` UTF-16 units, on line boundaries. A
 * single longer line is hard-split, but never inside a surrogate pair, an HTML entity
 * (`&amp;`) or a tag, so each part stays valid HTML. Blank parts are dropped.
 */
export function splitMessage(text: string, limit = TELEGRAM_MESSAGE_LIMIT): string[] {
  const parts: string[] = [];
  let current: string | undefined;
  for (const line of text.split('\n')) {
    const candidate = current === undefined ? line : `${current}\n${line}`;
    if (candidate.length <= limit) {
      current = candidate;
      continue;
    }
    if (current !== undefined) parts.push(current);
    const pieces = hardSplit(line, limit);
    current = pieces.pop();
    parts.push(...pieces);
  }
  if (current !== undefined) parts.push(current);
  // Telegram refuses an empty message, which would hold the alert forever: a part that is
  // only the blank line where the cut fell carries nothing and is left out.
  const filled = parts.filter((p) => p.trim() !== '');
  return filled.length === 0 ? [text] : filled;
}

function hardSplit(line: string, limit: number): string[] {
  const pieces: string[] = [];
  let rest = line;
  while (rest.length > limit) {
    const cut = safeCut(rest, limit);
    pieces.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  pieces.push(rest);
  return pieces;
}

/** The largest cut ≤ limit that does not break a surrogate pair, an entity or a tag. */
function safeCut(text: string, limit: number): number {
  let cut = limit;
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
  const head = text.slice(0, cut);
  const amp = head.lastIndexOf('&');
  if (amp > 0 && head.indexOf(';', amp) === -1 && cut - amp <= 10) cut = amp;
  const lt = head.lastIndexOf('<');
  if (lt > 0 && head.indexOf('>', lt) === -1) cut = Math.min(cut, lt);
  return cut;
}
