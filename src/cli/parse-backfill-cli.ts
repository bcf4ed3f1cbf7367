import { parseArgs } from 'node:util';
import { CONFIRM_ABOVE } from '../engine/backfill/estimate-backfill.js';
import type { Timeframe } from '../engine/market/bars.js';
import { parseDays, parseSymbolList, parseTimeframes } from '../bot/parse/parse-backfill-args.js';

export const CLI_USAGE = `Usage: npm run backfill -- --venue sim --symbols BTC/USDT,ETH/USDT --timeframes 1h,1d --days 180 [--yes]

Fetches history into the bar store of DATA_DIR, like /backfill in the chat. The bot must
not be running on the same data directory.

  --venue       sim, alpaca or ccxt:<exchange id> (a configured account must use it)
  --symbols     comma-separated symbols, or "watchlist" (the watchlist of the venue's account)
  --timeframes  comma-separated, among 1m, 5m, 15m, 1h, 4h, 1d
  --days        how far back, 1-3650
  --yes, -y     start a big backfill without asking. Above ${CONFIRM_ABOVE.bars.toLocaleString('en-US')} bars or ${CONFIRM_ABOVE.seconds / 60} minutes
                it shows the estimate and asks on a terminal; without one it needs --yes.
  --help, -h    this text

Exit codes: 0 done, 1 a series failed, it was canceled (Ctrl-C) or a big backfill was not
confirmed, 2 bad arguments.`;

export interface BackfillCliOptions {
  readonly venue: string;
  /** As typed: "watchlist" is resolved once the store is open. */
  readonly symbols: string;
  readonly timeframes: readonly Timeframe[];
  readonly days: number;
  readonly yes: boolean;
}

export type BackfillCliParse = { readonly kind: 'help' } | { readonly kind: 'problems'; readonly problems: readonly string[] } | { readonly kind: 'ok'; readonly options: BackfillCliOptions };

const REQUIRED = ['venue', 'symbols', 'timeframes', 'days'] as const;

/**
 * Reads the command line before anything is opened (so --help works beside a running bot):
 * every problem at once, all the missing options in one line, nothing started on a bad one.
 */
export function parseBackfillCli(argv: readonly string[]): BackfillCliParse {
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({
      args: [...argv],
      options: {
        venue: { type: 'string' },
        symbols: { type: 'string' },
        timeframes: { type: 'string' },
        days: { type: 'string' },
        yes: { type: 'boolean', short: 'y' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }).values;
  } catch (error) {
    return { kind: 'problems', problems: [error instanceof Error ? error.message : String(error)] };
  }
  if (values.help === true) return { kind: 'help' };
  const text = (name: string) => (typeof values[name] === 'string' ? (values[name] as string) : undefined);
  const missing = REQUIRED.filter((name) => text(name) === undefined);
  const problems = missing.length === 0 ? [] : [`Missing ${missing.length === 1 ? 'option' : 'options'}: ${missing.map((m) => `--${m}`).join(', ')}.`];
  const symbolsText = text('symbols') ?? '';
  // "watchlist" needs the store; anything else is checked now.
  const symbols = symbolsText === '' || symbolsText.toLowerCase() === 'watchlist' ? undefined : parseSymbolList(symbolsText, []);
  const timeframes = text('timeframes') === undefined ? undefined : parseTimeframes(text('timeframes') as string);
  const days = text('days') === undefined ? undefined : parseDays(text('days') as string);
  for (const [flag, part] of [['--symbols', symbols], ['--timeframes', timeframes], ['--days', days]] as const) {
    if (part !== undefined && !part.ok) problems.push(`${flag}: ${part.error}`);
  }
  if (problems.length > 0 || timeframes === undefined || !timeframes.ok || days === undefined || !days.ok) return { kind: 'problems', problems };
  return { kind: 'ok', options: { venue: text('venue') as string, symbols: symbolsText, timeframes: timeframes.value, days: days.value, yes: values.yes === true } };
}
