import type { BackfillRequest } from '../../engine/backfill/run-backfill.js';
import { isTimeframe, TIMEFRAMES, type Timeframe } from '../../engine/market/bars.js';
import { quote, type Parsed } from './parsed.js';
import { parseSymbol } from './parse-symbol.js';
import { splitWords } from './split-words.js';

export const BACKFILL_USAGE = '<venue> <SYMBOL,SYMBOL…|watchlist> <1h,1d…> <days>';
const MAX_DAYS = 3650;

export interface BackfillChoices {
  readonly venues: readonly string[];
  readonly watchlistOf: (venue: string) => readonly string[];
}

/** The one-line form: `/backfill sim BTC/USDT,ETH/USDT 1h,1d 180`; each error ends with the usage. */
export function parseBackfillArgs(text: string, choices: BackfillChoices): Parsed<BackfillRequest> {
  const words = splitWords(text);
  const withUsage = (error: string): Parsed<never> => ({ ok: false, error: `${error} Usage: /backfill ${BACKFILL_USAGE}` });
  if (words.length > 4) return withUsage(`Too many words: ${quote(words.slice(4).join(' '))} is left over (separate symbols and timeframes with commas, no spaces).`);
  const [rawVenue = '', rawSymbols = '', rawTimeframes = '', rawDays = ''] = words;
  const venue = parseVenue(rawVenue, choices.venues);
  if (!venue.ok) return withUsage(venue.error);
  const symbols = parseSymbolList(rawSymbols, choices.watchlistOf(venue.value));
  if (!symbols.ok) return withUsage(symbols.error);
  const timeframes = parseTimeframes(rawTimeframes);
  if (!timeframes.ok) return withUsage(timeframes.error);
  const days = parseDays(rawDays);
  if (!days.ok) return withUsage(days.error);
  return { ok: true, value: { venue: venue.value, symbols: symbols.value, timeframes: timeframes.value, days: days.value } };
}

export function parseSymbolList(text: string, watchlist: readonly string[]): Parsed<readonly string[]> {
  if (text.toLowerCase() === 'watchlist') {
    return watchlist.length > 0 ? { ok: true, value: watchlist } : { ok: false, error: 'The watchlist of this venue is empty: /watch add SYMBOL first.' };
  }
  const symbols: string[] = [];
  for (const part of text.split(/[,\s]+/).filter((s) => s.length > 0)) {
    const symbol = parseSymbol(part);
    if (!symbol.ok) return symbol;
    if (!symbols.includes(symbol.value)) symbols.push(symbol.value);
  }
  return symbols.length > 0 ? { ok: true, value: symbols } : { ok: false, error: 'Name at least one symbol, e.g. BTC/USDT,ETH/USDT, or "watchlist".' };
}

export function parseTimeframes(text: string): Parsed<readonly Timeframe[]> {
  const list = [...new Set(text.split(/[,\s]+/).filter((s) => s.length > 0))];
  if (list.length === 0) return { ok: false, error: `Timeframes missing: name one or more of ${TIMEFRAMES.join(', ')}, separated by commas.` };
  const bad = list.find((t) => !isTimeframe(t));
  if (list.length === 0 || bad !== undefined) return { ok: false, error: `Timeframes are among ${TIMEFRAMES.join(', ')}${bad === undefined ? '' : ` (${quote(bad)} is not one)`}.` };
  return { ok: true, value: list as Timeframe[] };
}

export function parseDays(text: string): Parsed<number> {
  if (text === '') return { ok: false, error: `Days missing: how many days back, from 1 to ${MAX_DAYS}.` };
  const days = Number(text);
  return Number.isInteger(days) && days >= 1 && days <= MAX_DAYS ? { ok: true, value: days } : { ok: false, error: `Days must be a whole number from 1 to ${MAX_DAYS} (got ${quote(text)}).` };
}

export function parseVenue(text: string, venues: readonly string[]): Parsed<string> {
  const venue = text.toLowerCase();
  if (venues.includes(venue)) return { ok: true, value: venue };
  return { ok: false, error: text === '' ? `Choose a venue: ${venues.join(', ')}.` : `${quote(text)} is not a venue here: choose ${venues.join(', ')}.` };
}
