import path from 'node:path';
import { isTimeframe, type SeriesKey } from '../../engine/market/bars.js';

export const SERIES_FILE_EXTENSION = '.bars';

/**
 * `<dir>/<venue>/<symbol>/<timeframe>.bars`, e.g. `ccxt_binance/BTC-USDT/1h.bars` for
 * venue `ccxt:binance` and symbol `BTC/USDT`.
 *
 * The encoding is reversible, so listSeries can rebuild every key from the path alone:
 * letters, digits and dots are kept (but a leading dot is escaped, so no segment is `.`
 * or `..` or hidden), `/` becomes `-`, `:` becomes `_`, and every other character —
 * including a literal `-`, `_` or `%` — becomes `%XX` per UTF-8 byte. The result is valid
 * on Linux, macOS and Windows. (On case-insensitive file systems `btc/usdt` and `BTC/USDT`
 * would share a file; venues spell symbols in one canonical case.)
 */
export function getSeriesPath(dir: string, series: SeriesKey): string {
  if (!isTimeframe(series.timeframe)) throw new RangeError(`not a timeframe: ${String(series.timeframe)}`);
  return path.join(dir, encodeSegment(series.venue), encodeSegment(series.symbol), `${series.timeframe}${SERIES_FILE_EXTENSION}`);
}

/** The key a series file stands for, or undefined for a name this store never writes. */
export function parseSeriesPath(venueDir: string, symbolDir: string, fileName: string): SeriesKey | undefined {
  if (!fileName.endsWith(SERIES_FILE_EXTENSION)) return undefined;
  const timeframe = fileName.slice(0, -SERIES_FILE_EXTENSION.length);
  const venue = decodeSegment(venueDir);
  const symbol = decodeSegment(symbolDir);
  if (!isTimeframe(timeframe) || venue === undefined || symbol === undefined) return undefined;
  return { venue, symbol, timeframe };
}

/**
 * An older segment of the series whose main file is `mainPath`: `1h.<first bar time>.bars`
 * beside `1h.bars`, holding history fetched after newer bars were stored (see
 * plan-insert.ts). listSeries ignores these names: they are no timeframe.
 */
export function getSegmentPath(mainPath: string, firstTime: number): string {
  return `${mainPath.slice(0, -SERIES_FILE_EXTENSION.length)}.${firstTime}${SERIES_FILE_EXTENSION}`;
}

/** Whether `fileName` (in the main file's folder) is an older segment of that main file. */
export function isSegmentOf(mainPath: string, fileName: string): boolean {
  const stem = path.basename(mainPath, SERIES_FILE_EXTENSION);
  return fileName.startsWith(`${stem}.`) && fileName.endsWith(SERIES_FILE_EXTENSION) && /^\d+$/.test(fileName.slice(stem.length + 1, -SERIES_FILE_EXTENSION.length));
}

/** `venue symbol timeframe`, for error messages and logs. */
export function formatSeries(series: SeriesKey): string {
  return `${series.venue} ${series.symbol} ${series.timeframe}`;
}

const KEPT = /[A-Za-z0-9.]/;

export function encodeSegment(text: string): string {
  if (text === '') throw new RangeError('a bar series needs a non-empty venue and symbol');
  let out = '';
  let index = 0;
  for (const char of text) {
    if (char === '/') out += '-';
    else if (char === ':') out += '_';
    else if (KEPT.test(char) && !(index === 0 && char === '.')) out += char;
    else for (const byte of Buffer.from(char, 'utf8')) out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    index += char.length;
  }
  return out;
}

export function decodeSegment(name: string): string | undefined {
  let text: string;
  try {
    text = decodeURIComponent(name.replaceAll('-', '/').replaceAll('_', ':'));
  } catch {
    return undefined;
  }
  // Only names this encoding produces: anything else was put there by hand.
  return text !== '' && encodeSegment(text) === name ? text : undefined;
}
