import type { Timeframe } from '../market/bars.js';
import type { LastBarTime } from './collect-health.js';

export interface WatchedSeriesSource {
  readonly accountIds: () => readonly string[];
  readonly watchlist: (accountId: string) => readonly string[];
  readonly barVenueOf: (accountId: string) => string;
  readonly timeframes: readonly Timeframe[];
  /** Open time (ms) of the series' last stored bar; undefined when it has none. */
  readonly lastBarTime: (venue: string, symbol: string, timeframe: Timeframe) => Promise<number | undefined>;
}

/** Every watched series (each account's watchlist × the scan timeframes, once per bar venue) and its last bar. */
export async function listLastBarTimes(source: WatchedSeriesSource): Promise<LastBarTime[]> {
  const seen = new Set<string>();
  const series: { venue: string; symbol: string; timeframe: Timeframe }[] = [];
  for (const accountId of source.accountIds()) {
    const venue = source.barVenueOf(accountId);
    for (const symbol of source.watchlist(accountId)) {
      for (const timeframe of source.timeframes) {
        const key = `${venue}\u0000${symbol}\u0000${timeframe}`;
        if (seen.has(key)) continue;
        seen.add(key);
        series.push({ venue, symbol, timeframe });
      }
    }
  }
  return Promise.all(series.map(async (s) => ({ ...s, lastT: await source.lastBarTime(s.venue, s.symbol, s.timeframe) })));
}
