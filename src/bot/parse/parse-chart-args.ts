import { isTimeframe, TIMEFRAMES, type Timeframe } from '../../engine/market/bars.js';
import { takeAccount } from './parse-account.js';
import { quote, type Parsed } from './parsed.js';
import { parseSymbol } from './parse-symbol.js';
import { splitWords } from './split-words.js';

export const CHART_USAGE = `Usage: /chart SYMBOL [${TIMEFRAMES.join('|')}] [@account], e.g. /chart BTC/USDT 1h`;

export interface ChartArgs {
  readonly symbol: string;
  readonly timeframe: Timeframe;
  readonly accountId: string;
}

/** `/chart SYMBOL [timeframe] [@account]`; the timeframe defaults to 1h, the account to the first. */
export function parseChartArgs(text: string, accounts: readonly string[]): Parsed<ChartArgs> {
  const withUsage = (error: string): Parsed<never> => ({ ok: false, error: `${error} ${CHART_USAGE}` });
  const taken = takeAccount(splitWords(text), accounts);
  // An unknown account is the whole answer: the usage would bury the accounts there are.
  if (!taken.ok) return taken;
  const [rawSymbol, rawTimeframe = '1h', ...extra] = taken.value.rest;
  if (rawSymbol === undefined) return withUsage('Name a symbol.');
  if (extra.length > 0) return withUsage(`Too many words: ${quote(extra.join(' '))} is left over.`);
  const symbol = parseSymbol(rawSymbol);
  if (!symbol.ok) return withUsage(symbol.error);
  // Case matters: 1m is a minute.
  if (!isTimeframe(rawTimeframe)) return withUsage(`${quote(rawTimeframe)} is not a timeframe: use ${TIMEFRAMES.join(', ')}.`);
  return { ok: true, value: { symbol: symbol.value, timeframe: rawTimeframe, accountId: taken.value.accountId } };
}
