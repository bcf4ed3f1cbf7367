import { quote, type Parsed } from './parsed.js';
import { splitWords } from './split-words.js';

export const GATES_DEFAULT_LIMIT = 500;
const MAX_LIMIT = 100_000;

/** `/gates [N]`: how many of the latest decisions to summarize. */
export function parseGatesArgs(text: string): Parsed<number> {
  const words = splitWords(text);
  const [raw] = words;
  if (raw === undefined) return { ok: true, value: GATES_DEFAULT_LIMIT };
  const limit = Number(raw);
  if (words.length > 1 || !/^\d+$/.test(raw) || limit < 1 || limit > MAX_LIMIT) {
    return { ok: false, error: `${quote(words.join(' '))} is not a number of decisions: give a whole number from 1 to ${MAX_LIMIT}, e.g. /gates 200.` };
  }
  return { ok: true, value: limit };
}
