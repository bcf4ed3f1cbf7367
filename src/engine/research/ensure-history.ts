import type { BackfillRequest } from '../backfill/run-backfill.js';
import { TIMEFRAME_MS, type Timeframe } from '../market/bars.js';
import type { ReadBars } from './build-context.js';

/** The market facade's startBackfill, as far as research needs it. */
export type StartBackfill = (request: BackfillRequest) => { readonly kind: 'started'; readonly handle: { readonly done: Promise<unknown> } } | { readonly kind: 'busy' | 'invalid' };

const MIN_DAILY_BARS = 21;
const DAILY_STALE_AFTER_MS = 4 * 86_400_000;
const DAILY_DAYS = 100;
/** The price bar is fresh within three of its timeframes; otherwise its last two days are fetched. */
const PRICE_STALE_BARS = 3;
const PRICE_DAYS = 2;

export interface HistoryFillerDeps {
  readonly bars: ReadBars;
  readonly startBackfill: StartBackfill;
  readonly clock: () => Date;
  /** The fastest timeframe watched: the table's price comes from its newest bar. */
  readonly priceTimeframe?: Timeframe;
  readonly onStatus?: (status: string) => void;
}

/**
 * Before the first run on a fresh install the bar store has no history: fetch what is
 * missing for the universe (fewer than 21 daily bars or none in four days; no recent bar
 * of the price timeframe), so the table has returns, indicators and a current price. In
 * production the scan job keeps these fresh and this finds nothing to do. A busy venue
 * or a failed fetch leaves the table as it is: it then shows "-" or an older price with
 * its age, rather than research not running.
 */
export function createHistoryFiller(deps: HistoryFillerDeps) {
  const fetch = async (venue: string, symbols: readonly string[], timeframe: Timeframe, days: number) => {
    if (symbols.length === 0) return;
    const started = deps.startBackfill({ venue, symbols, timeframes: [timeframe], days });
    if (started.kind === 'started') await started.handle.done.catch(() => undefined);
  };
  return async (venue: string, symbols: readonly string[]): Promise<void> => {
    const now = deps.clock().getTime();
    const daily: string[] = [];
    const prices: string[] = [];
    const priceTf = deps.priceTimeframe === '1d' ? undefined : deps.priceTimeframe;
    for (const symbol of symbols) {
      const bars = await deps.bars(venue, symbol, '1d', MIN_DAILY_BARS);
      const last = bars.at(-1);
      if (bars.length < MIN_DAILY_BARS || last === undefined || now - last.t > DAILY_STALE_AFTER_MS) daily.push(symbol);
      if (priceTf === undefined) continue;
      const [latest] = await deps.bars(venue, symbol, priceTf, 1);
      if (latest === undefined || now - latest.t > PRICE_STALE_BARS * TIMEFRAME_MS[priceTf]) prices.push(symbol);
    }
    const count = new Set([...daily, ...prices]).size;
    if (count === 0) return;
    deps.onStatus?.(`fetching recent history for ${count} symbol${count === 1 ? '' : 's'}`);
    await fetch(venue, daily, '1d', DAILY_DAYS);
    if (priceTf !== undefined) await fetch(venue, prices, priceTf, PRICE_DAYS);
  };
}
