import { Alpaca, ApiError, marketData, type trading } from '@alpacahq/alpaca-trade-api/rest';
import * as z from 'zod';
import type { VenueLimiter } from '../../../resilience/create-venue-limiter.js';
import type { VenuePolicy } from '../../../resilience/create-venue-policy.js';
import { ALPACA_VENUE, hasHttpStatus, translateAlpacaError } from './alpaca-errors.js';
import { VenueAuthError } from '../broker-errors.js';
import type { BarPage, BarSource } from '../../ports/bar-source.js';
import type { Bar, Timeframe } from '../../market/bars.js';
import { BarRequestRefusedError } from '../../market/bar-request-refused-error.js';
import { checkWindow, clipToWindow } from '../../market/clip-to-window.js';
import { validateBars } from '../../market/validate-bars.js';

/** `iex` is free on every plan; `sip` (all US exchanges) needs a paid data subscription. */
export type AlpacaFeed = 'iex' | 'sip';

export interface AlpacaBarSourceOptions {
  readonly keyId: string;
  readonly secretKey: string;
  /** Default `iex`. */
  readonly feed?: AlpacaFeed;
  /** Replaces https://data.alpaca.markets, e.g. a local test server. */
  readonly dataBaseUrl?: string;
  /** Alpaca's 200 requests/minute budget is per account: share this limiter with the broker's key. */
  readonly limiter: VenueLimiter;
  readonly policy: VenuePolicy;
  readonly timeoutMs?: number;
  /** Bars still forming at this instant are left out. Default: the system clock. */
  readonly clock?: () => Date;
}

const ALPACA_TIMEFRAMES: Readonly<Record<Timeframe, string>> = {
  '1m': '1Min',
  '5m': '5Min',
  '15m': '15Min',
  '1h': '1Hour',
  '4h': '4Hour',
  '1d': '1Day',
};

/** The most bars Alpaca returns per page (https://docs.alpaca.markets/reference/stockbarsingle). */
const PAGE_LIMIT = 10_000;

interface Context {
  readonly alpaca: Alpaca;
  readonly feed: AlpacaFeed;
  readonly limiter: VenueLimiter;
  readonly policy: VenuePolicy;
  readonly clock: () => Date;
}

/**
 * US-equity bars from GET /v2/stocks/{symbol}/bars, raw (unadjusted) prices, one page per
 * request, following `next_page_token`. Each page goes through the SDK's `stockBarSingle`,
 * which takes the page token as a parameter — so every page passes our policy and
 * limiter, unlike the SDK's `iterate*` helpers that page internally.
 */
export function createAlpacaBarSource(options: AlpacaBarSourceOptions): BarSource {
  const context: Context = {
    alpaca: createClient(options),
    feed: options.feed ?? 'iex',
    limiter: options.limiter,
    policy: options.policy,
    clock: options.clock ?? (() => new Date()),
  };
  return {
    venue: ALPACA_VENUE,
    fetchBars: (symbol, timeframe, from, to, signal) => fetchPages(context, { symbol, timeframe, from, to }, signal),
  };
}

function createClient(options: AlpacaBarSourceOptions): Alpaca {
  // The SDK falls back to APCA_API_* environment variables for empty keys: refuse that.
  if (options.keyId === '' || options.secretKey === '') throw new VenueAuthError(ALPACA_VENUE);
  return new Alpaca({
    keyId: options.keyId,
    secret: options.secretKey,
    timeoutMs: options.timeoutMs ?? 15_000,
    // The VenuePolicy retries and the VenueLimiter paces; the SDK's own would double both.
    retry: false,
    rateLimit: false,
    middleware: options.dataBaseUrl === undefined ? [] : [rewriteHost(marketData.MARKET_DATA_HOST, options.dataBaseUrl)],
  });
}

function rewriteHost(from: string, to: string): trading.Middleware {
  const base = to.replace(/\/+$/, '');
  return { pre: async ({ url, init }) => (url.startsWith(from) ? { url: base + url.slice(from.length), init } : undefined) };
}

interface Request {
  readonly symbol: string;
  readonly timeframe: Timeframe;
  readonly from: number;
  readonly to: number;
}

async function* fetchPages(context: Context, asked: Request, signal: AbortSignal | undefined): AsyncGenerator<BarPage> {
  checkWindow(asked.from, asked.to);
  // Alpaca sends the day (or minute) still forming when `end` reaches now: never ask past now.
  const request = { ...asked, to: Math.min(asked.to, context.clock().getTime()) };
  if (request.to <= request.from) return;
  const seenTokens = new Set<string>();
  let pageToken: string | undefined;
  do {
    signal?.throwIfAborted();
    const token = pageToken;
    const page = await context.policy.execute((attemptSignal) => context.limiter.schedule(() => requestPage(context, request, token, attemptSignal)), signal);
    // 400/404/422: Alpaca has no such symbol — an empty series, not a failure.
    if (page === undefined) return;
    const { bars, dropped } = validateBars(page.bars, request.timeframe);
    const inWindow = clipToWindow(bars, request.timeframe, request.from, request.to);
    if (inWindow.length > 0 || dropped > 0) yield { bars: inWindow, dropped };
    pageToken = page.nextPageToken;
    // A token seen before would page forever.
    if (pageToken !== undefined && seenTokens.has(pageToken)) return;
    if (pageToken !== undefined) seenTokens.add(pageToken);
  } while (pageToken !== undefined);
}

const numberOrNaN = z.number().catch(Number.NaN);
/** Lenient per bar: a malformed bar becomes NaN and is dropped and counted by validateBars. */
const barSchema = z
  .object({ t: z.date().transform((date) => date.getTime()), o: numberOrNaN, h: numberOrNaN, l: numberOrNaN, c: numberOrNaN, v: numberOrNaN })
  .catch({ t: Number.NaN, o: Number.NaN, h: Number.NaN, l: Number.NaN, c: Number.NaN, v: Number.NaN });
/** The SDK has already turned `t` into a Date and `next_page_token` into `nextPageToken`. */
const pageSchema = z.object({ bars: z.array(barSchema).nullish(), nextPageToken: z.string().nullish() });

interface RawPage {
  readonly bars: Bar[];
  readonly nextPageToken: string | undefined;
}

async function requestPage(context: Context, request: Request, pageToken: string | undefined, signal: AbortSignal): Promise<RawPage | undefined> {
  try {
    const response = await context.alpaca.marketData.stocks.stockBarSingle(
      {
        symbol: request.symbol,
        timeframe: ALPACA_TIMEFRAMES[request.timeframe],
        start: new Date(request.from),
        end: new Date(request.to),
        limit: PAGE_LIMIT,
        adjustment: 'raw',
        feed: context.feed,
        pageToken,
      },
      { signal },
    );
    const page = pageSchema.parse(response);
    return { bars: page.bars ?? [], nextPageToken: page.nextPageToken || undefined };
  } catch (error) {
    signal.throwIfAborted();
    if (hasHttpStatus(error, 400, 404, 422)) return undefined;
    throw translateBarError(error);
  }
}

/** 429/5xx/timeouts/401 as the broker sees them; any other 4xx (403: feed not in the plan) is a refusal. */
function translateBarError(error: unknown): unknown {
  if (error instanceof ApiError && error.status !== 401 && error.status !== 408 && error.status !== 429 && error.status < 500) {
    return new BarRequestRefusedError(ALPACA_VENUE, `HTTP ${error.status}: ${error.message}`, { cause: error });
  }
  return translateAlpacaError(error);
}
