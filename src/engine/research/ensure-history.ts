import type { BackfillRequest } from '../backfill/run-backfill.js';
import type { ReadBars } from './build-context.js';

/** The market facade's startBackfill, as far as research needs it. */
export type StartBackfill = (request: BackfillRequest) => { readonly kind: 'started'; readonly handle: { readonly done: Promise<unknown> } } | { readonly kind: 'busy' | 'invalid' };

const MIN_DAILY_BARS = 21;
const STALE_AFTER_MS = 4 * 86_400_000;
const FILL_DAYS = 100;

/**
 * Before the first run on a fresh install the bar store has no daily history: fetch what
 * is missing (fewer than 21 daily bars, or none in four days) for the universe, so the
 * table has returns and indicators. A busy venue or a failed fetch leaves the table as it
 * is: research then says "-" for what it cannot compute, rather than not running.
 */
export function createHistoryFiller(deps: { bars: ReadBars; startBackfill: StartBackfill; clock: () => Date; onStatus?: (status: string) => void }) {
  return async (venue: string, symbols: readonly string[]): Promise<void> => {
    const now = deps.clock().getTime();
    const missing: string[] = [];
    for (const symbol of symbols) {
      const daily = await deps.bars(venue, symbol, '1d', MIN_DAILY_BARS);
      const last = daily.at(-1);
      if (daily.length < MIN_DAILY_BARS || last === undefined || now - last.t > STALE_AFTER_MS) missing.push(symbol);
    }
    if (missing.length === 0) return;
    deps.onStatus?.(`fetching daily history for ${missing.length} symbol${missing.length === 1 ? '' : 's'}`);
    const started = deps.startBackfill({ venue, symbols: missing, timeframes: ['1d'], days: FILL_DAYS });
    if (started.kind === 'started') await started.handle.done.catch(() => undefined);
  };
}
