import type { Bar, Timeframe } from '../market/bars.js';

/** One page of bars as a venue returned it, after validation. */
export interface BarPage {
  readonly bars: readonly Bar[];
  /** Bars the venue sent that failed validation (inconsistent OHLC, negative volume, out of order). */
  readonly dropped: number;
}

/**
 * Historical bars from one venue. Paging, the venue's per-call limit, rate limiting and
 * retries are the adapter's business; callers iterate pages from `from` to `to`.
 */
export interface BarSource {
  /** The venue's key in the bar store: `sim`, `alpaca`, `ccxt:<exchange id>`. */
  readonly venue: string;
  /** Bars with from ≤ t < to, oldest first, page by page. */
  fetchBars(symbol: string, timeframe: Timeframe, from: number, to: number, signal?: AbortSignal): AsyncIterable<BarPage>;
}
