import { quote, type Parsed } from './parsed.js';
import { splitWords } from './split-words.js';

/** `/run JOB`: one of the scheduled jobs, by name (any case). */
export function parseRunArgs(text: string, jobNames: readonly string[]): Parsed<string> {
  const words = splitWords(text);
  const [word] = words;
  if (word === undefined) return { ok: false, error: `Name the job, e.g. /run scan. Jobs: ${jobNames.join(', ')}.` };
  if (words.length > 1) return { ok: false, error: `Name one job (got ${quote(words.join(' '))}). Jobs: ${jobNames.join(', ')}.` };
  const name = jobNames.find((n) => n === word.toLowerCase());
  return name === undefined ? { ok: false, error: `Unknown job ${quote(word)}. Jobs: ${jobNames.join(', ')}.` } : { ok: true, value: name };
}
