import { parseArgs } from 'node:util';
import type { BackfillRequest } from '../engine/backfill/run-backfill.js';
import { parseDays, parseSymbolList, parseTimeframes } from '../bot/parse/parse-backfill-args.js';

export const CLI_USAGE =
  'npm run backfill -- --venue sim --symbols BTC/USDT,ETH/USDT --timeframes 1h,1d --days 180\n' +
  '  --venue       sim, alpaca or ccxt:<exchange id> (a configured account must use it)\n' +
  '  --symbols     comma-separated symbols, or "watchlist"\n' +
  '  --timeframes  comma-separated, among 1m, 5m, 15m, 1h, 4h, 1d\n' +
  '  --days        how far back, 1-3650';

/** Reads the command line; every problem is reported, nothing is started on a bad one. */
export function parseBackfillCli(argv: readonly string[], watchlistOf: (venue: string) => readonly string[]): { ok: true; request: BackfillRequest } | { ok: false; problems: string[] } {
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({
      args: [...argv],
      options: { venue: { type: 'string' }, symbols: { type: 'string' }, timeframes: { type: 'string' }, days: { type: 'string' } },
      strict: true,
    }).values;
  } catch (error) {
    return { ok: false, problems: [error instanceof Error ? error.message : String(error)] };
  }
  const text = (name: string) => (typeof values[name] === 'string' ? (values[name] as string) : undefined);
  const venue = text('venue');
  const problems: string[] = [];
  if (venue === undefined) problems.push('--venue is required');
  const symbols = parseSymbolList(text('symbols') ?? '', venue === undefined ? [] : watchlistOf(venue));
  const timeframes = parseTimeframes(text('timeframes') ?? '');
  const days = parseDays(text('days') ?? '');
  for (const [flag, part] of [['--symbols', symbols], ['--timeframes', timeframes], ['--days', days]] as const) {
    if (!part.ok) problems.push(`${flag}: ${part.error}`);
  }
  if (problems.length > 0 || venue === undefined || !symbols.ok || !timeframes.ok || !days.ok) return { ok: false, problems };
  return { ok: true, request: { venue, symbols: symbols.value, timeframes: timeframes.value, days: days.value } };
}
