import { BadSymbol, type Exchange, type OHLCV } from 'ccxt';
import type { VenueLimiter } from '../../../resilience/create-venue-limiter.js';
import type { VenuePolicy } from '../../../resilience/create-venue-policy.js';
import { OrderRejectedError } from '../broker-errors.js';
import { translateCcxtError } from './ccxt-errors.js';
import type { BarPage, BarSource } from '../../ports/bar-source.js';
import { TIMEFRAME_MS, type Bar, type Timeframe } from '../../market/bars.js';
import { BarRequestRefusedError } from '../../market/bar-request-refused-error.js';
import { checkWindow, clipToWindow } from '../../market/clip-to-window.js';
import { validateBars } from '../../market/validate-bars.js';

export interface CcxtBarSourceOptions {
  /** One instance per exchange id: ccxt's markets cache and throttler live on it. */
  readonly exchange: Exchange;
  /** Bars asked for per call. Default 1,000, Binance's maximum for /api/v3/klines. */
  readonly limit?: number;
  readonly limiter: VenueLimiter;
  readonly policy: VenuePolicy;
  /** Bars still forming at this instant are left out. Default: the system clock. */
  readonly clock?: () => Date;
}

export const DEFAULT_CCXT_BAR_LIMIT = 1_000;

interface Context {
  readonly exchange: Exchange;
  readonly venue: string;
  readonly limit: number;
  readonly limiter: VenueLimiter;
  readonly policy: VenuePolicy;
  readonly clock: () => Date;
}

/**
 * Bars from any ccxt exchange through the unified fetchOHLCV, walking forward with
 * `since` = last bar + one timeframe until `to` is reached or the exchange sends a short
 * page (it has nothing newer). The last call asks only for the bars left in the window.
 *
 * An exchange that leaves out empty intervals can send a short page before `to`; the
 * series then ends there and the bar store's gap check reports the rest.
 */
export function createCcxtBarSource(options: CcxtBarSourceOptions): BarSource {
  const limit = options.limit ?? DEFAULT_CCXT_BAR_LIMIT;
  if (!Number.isSafeInteger(limit) || limit < 1) throw new RangeError(`limit must be a positive integer, got ${limit}`);
  const context: Context = { ...options, venue: `ccxt:${options.exchange.id}`, limit, clock: options.clock ?? (() => new Date()) };
  return {
    venue: context.venue,
    fetchBars: (symbol, timeframe, from, to, signal) => fetchPages(context, symbol, timeframe, from, to, signal),
  };
}

async function* fetchPages(
  context: Context,
  symbol: string,
  timeframe: Timeframe,
  from: number,
  until: number,
  signal: AbortSignal | undefined,
): AsyncGenerator<BarPage> {
  checkWindow(from, until);
  checkTimeframe(context, timeframe);
  // The exchange sends the bar still forming as its last one: never ask past now.
  const to = Math.min(until, context.clock().getTime());
  const length = TIMEFRAME_MS[timeframe];
  // A bar opening at `since` or later can only close by `to` if since + length ≤ to.
  for (let since = from; since + length <= to; ) {
    signal?.throwIfAborted();
    const limit = Math.min(context.limit, Math.ceil((to - since) / length));
    const start = since;
    const rows = await context.policy.execute(
      (attemptSignal) => context.limiter.schedule(() => requestPage(context, symbol, timeframe, start, limit, attemptSignal)),
      signal,
    );
    // BadSymbol: the exchange lists no such market — an empty series, not a failure.
    if (rows === undefined) return;
    const { bars, dropped } = validateBars(rows.map(toBar), timeframe);
    const inWindow = clipToWindow(bars, timeframe, from, to);
    if (inWindow.length > 0 || dropped > 0) yield { bars: inWindow, dropped };
    const last = bars[bars.length - 1];
    // Short page: nothing newer yet. No progress: an exchange ignoring `since` would loop.
    if (rows.length < limit || last === undefined || last.t < since) return;
    since = last.t + length;
  }
}

function checkTimeframe(context: Context, timeframe: Timeframe): void {
  const { exchange } = context;
  if (exchange.has['fetchOHLCV'] !== true && exchange.has['fetchOHLCV'] !== 'emulated') {
    throw new BarRequestRefusedError(context.venue, 'the exchange has no OHLCV endpoint');
  }
  const timeframes = exchange.timeframes as Readonly<Record<string, unknown>> | undefined;
  if (timeframes?.[timeframe] === undefined) throw new BarRequestRefusedError(context.venue, `no ${timeframe} bars on this exchange`);
}

async function requestPage(
  context: Context,
  symbol: string,
  timeframe: Timeframe,
  since: number,
  limit: number,
  signal: AbortSignal,
): Promise<OHLCV[] | undefined> {
  try {
    return await context.exchange.fetchOHLCV(symbol, timeframe, since, limit);
  } catch (error) {
    signal.throwIfAborted();
    if (error instanceof BadSymbol) return undefined;
    const translated = translateCcxtError(error, { venue: context.venue, responseHeaders: context.exchange.last_response_headers });
    // The broker's "rejected" is, for a read, a request retrying cannot fix.
    if (translated instanceof OrderRejectedError) throw new BarRequestRefusedError(context.venue, translated.reason, { cause: error });
    throw translated;
  }
}

function toBar(row: OHLCV): Bar {
  const [t, o, h, l, c, v] = row.map((value) => (typeof value === 'number' ? value : Number.NaN));
  return { t: t ?? Number.NaN, o: o ?? Number.NaN, h: h ?? Number.NaN, l: l ?? Number.NaN, c: c ?? Number.NaN, v: v ?? Number.NaN };
}
