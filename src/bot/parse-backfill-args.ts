import { isTimeframe, type Timeframe } from '../engine/market/bars.js';
import { normalizeSymbol, type Parsed } from './parse-propose-args.js';

export const BACKFILL_USAGE = '<venue> <SYMBOL,SYMBOL…|watchlist> <1h,1d…> <days>';
const MAX_DAYS = 3650;

export function parseSymbolList(text: string, watchlist: readonly string[]): Parsed<readonly string[]> {
  if (text.toLowerCase() === 'watchlist') {
    return watchlist.length > 0 ? { ok: true, value: watchlist } : { ok: false, error: 'The watchlist of this venue is empty: /watch add SYMBOL first.' };
  }
  const symbols: string[] = [];
  for (const part of text.split(/[,\s]+/).filter((s) => s.length > 0)) {
    const symbol = normalizeSymbol(part);
    if (!symbol.ok) return symbol;
    if (!symbols.includes(symbol.value)) symbols.push(symbol.value);
  }
  return symbols.length > 0 ? { ok: true, value: symbols } : { ok: false, error: 'Name at least one symbol, e.g. BTC/USDT,ETH/USDT, or "watchlist".' };
}

export function parseTimeframes(text: string): Parsed<readonly Timeframe[]> {
  const list = [...new Set(text.split(/[,\s]+/).filter((s) => s.length > 0))];
  const bad = list.find((t) => !isTimeframe(t));
  if (list.length === 0 || bad !== undefined) return { ok: false, error: `Timeframes are among 1m, 5m, 15m, 1h, 4h, 1d${bad === undefined ? '' : ` ("${bad}" is not one)`}.` };
  return { ok: true, value: list as Timeframe[] };
}

export function parseDays(text: string): Parsed<number> {
  const days = Number(text);
  return Number.isInteger(days) && days >= 1 && days <= MAX_DAYS ? { ok: true, value: days } : { ok: false, error: `Days must be a whole number from 1 to ${MAX_DAYS} (got "${text}").` };
}

export function parseVenue(text: string, venues: readonly string[]): Parsed<string> {
  const venue = text.toLowerCase();
  return venues.includes(venue) ? { ok: true, value: venue } : { ok: false, error: `Choose a venue: ${venues.join(', ')}.` };
}
