import { Alpaca, marketData, trading } from '@alpacahq/alpaca-trade-api/rest';
import * as z from 'zod';
import { CountersignError, VenueUnavailableError } from '../../../errors.js';
import { Decimal } from '../../money/decimal.js';
import type { MarketData, PriceQuote } from '../../ports/market-data.js';
import type { Broker, BrokerOrder, MarketRules, OrderRequest } from '../../ports/broker.js';
import { VenueAuthError } from '../broker-errors.js';
import { ALPACA_VENUE, hasHttpStatus, translateAlpacaError } from './alpaca-errors.js';
import { toBrokerOrder, toPostOrderRequest } from './alpaca-order-mapping.js';
import { hasOwnPriceIncrement, toBrokerAccount, toBrokerPosition, toMarketRules } from './alpaca-account-mapping.js';

export interface AlpacaBrokerOptions {
  readonly keyId: string;
  readonly secretKey: string;
  /** Live trading only when exactly `true`; anything else trades on paper-api. */
  readonly live: boolean;
  /** Replaces the trading host (paper or live), e.g. a local test server. */
  readonly baseUrl?: string;
  /** Replaces https://data.alpaca.markets. */
  readonly dataBaseUrl?: string;
  /** Per-attempt deadline; a timed-out order POST is reported as VenueUnavailableError. */
  readonly timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 15_000;

/**
 * Alpaca as a Broker and MarketData, on the SDK's `Alpaca` client (the `/rest` entry: the
 * same class without the WebSocket dependencies, which this adapter never opens).
 */
export function createAlpacaBroker(options: AlpacaBrokerOptions): Broker & MarketData {
  const alpaca = createAlpacaClient(options);
  return {
    venue: 'alpaca',
    submitOrder: (request) => submitOrder(alpaca, request),
    getOrderByClientId: (clientOrderId) => getOrderByClientId(alpaca, clientOrderId),
    cancelOrder: (order) => read(() => alpaca.trading.orders.deleteOrderByOrderID({ orderId: order.venueOrderId })),
    cancelAllOpenOrders: () => cancelAllOpenOrders(alpaca),
    getPositions: () => read(async () => (await alpaca.trading.positions.getAllOpenPositions()).map(toBrokerPosition)),
    getAccount: () => read(async () => toBrokerAccount(await alpaca.trading.account.getAccount())),
    getMarketRules: (symbol) => getMarketRules(alpaca, symbol),
    latestPrice: (symbol) => getLatestPrice(alpaca, symbol),
  };
}

function createAlpacaClient(options: AlpacaBrokerOptions): Alpaca {
  // The SDK falls back to APCA_API_* environment variables for empty keys: refuse that,
  // so the keys in use are always the ones the configuration named.
  if (options.keyId === '' || options.secretKey === '') throw new VenueAuthError(ALPACA_VENUE);
  return new Alpaca({
    keyId: options.keyId,
    secret: options.secretKey,
    paper: options.live !== true,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    // The SDK retries only GET/HEAD/OPTIONS/TRACE (429, 5xx, network); a POST or DELETE is
    // sent exactly once even on 429 (README "Retry semantics", "Order-submission safety").
    // Reads may retry; an order POST in doubt is resolved by lookup, never by resending.
    retry: { maxRetries: 2, respectRetryAfter: true },
    // Client-side token bucket per host, at Alpaca's 200 requests/minute.
    rateLimit: { maxRequests: 200, intervalMs: 60_000 },
    middleware: createHostOverride(options),
  });
}

/** Rewrites SDK URLs to the overriding hosts; the facade has no base-path option. */
function createHostOverride(options: AlpacaBrokerOptions): trading.Middleware[] {
  const rewrites: [from: string, to: string][] = [];
  if (options.baseUrl !== undefined) {
    const to = options.baseUrl.replace(/\/+$/, '');
    rewrites.push([trading.TRADING_PAPER_HOST, to], [trading.TRADING_LIVE_HOST, to]);
  }
  if (options.dataBaseUrl !== undefined) {
    rewrites.push([marketData.MARKET_DATA_HOST, options.dataBaseUrl.replace(/\/+$/, '')]);
  }
  if (rewrites.length === 0) return [];
  return [
    {
      pre: async ({ url, init }) => {
        const match = rewrites.find(([from]) => url.startsWith(from));
        return match === undefined ? undefined : { url: match[1] + url.slice(match[0].length), init };
      },
    },
  ];
}

/** Runs a call and rethrows its failure as a broker error. */
async function read<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw translateAlpacaError(error);
  }
}

async function submitOrder(alpaca: Alpaca, request: OrderRequest): Promise<BrokerOrder> {
  const postOrderRequest = toPostOrderRequest(request);
  try {
    return toBrokerOrder(await alpaca.trading.orders.postOrder({ postOrderRequest }));
  } catch (error) {
    const translated = translateAlpacaError(error, request.clientOrderId);
    if (translated instanceof CountersignError) throw translated;
    // Anything unrecognized after the POST left may hide an accepted order: "look it up".
    throw new VenueUnavailableError(ALPACA_VENUE, 'unexpected failure while submitting', { cause: error });
  }
}

/** GET /v2/orders:by_client_order_id; 404 means Alpaca has no such order. */
async function getOrderByClientId(alpaca: Alpaca, clientOrderId: string): Promise<BrokerOrder | undefined> {
  try {
    return toBrokerOrder(await alpaca.trading.orders.getOrderByClientOrderId({ clientOrderId }));
  } catch (error) {
    if (hasHttpStatus(error, 404)) return undefined;
    throw translateAlpacaError(error);
  }
}

/** DELETE /v2/orders answers 207 with one `{ id, status }` per order it tried to cancel. */
async function cancelAllOpenOrders(alpaca: Alpaca): Promise<number> {
  const results = await read(() => alpaca.trading.orders.deleteAllOrders());
  return results.filter((result) => result.status === undefined || (result.status >= 200 && result.status < 300)).length;
}

async function getMarketRules(alpaca: Alpaca, symbol: string): Promise<MarketRules> {
  const asset = await read(() => alpaca.trading.assets.getV2AssetsSymbolOrAssetId({ symbolOrAssetId: symbol }));
  if (hasOwnPriceIncrement(asset)) return read(async () => toMarketRules(asset));
  // The equity tick depends on the price; without one the cent tick is still valid.
  const quote = await getLatestPrice(alpaca, symbol).catch(() => undefined);
  return read(async () => toMarketRules(asset, quote?.price));
}

const latestTradeSchema = z.object({
  trade: z
    .object({ p: z.union([z.number(), z.string()]), t: z.date() })
    .nullish(),
});

/**
 * GET /v2/stocks/{symbol}/trades/latest?feed=iex (IEX is the feed every plan may read).
 * An unknown or malformed symbol (404/400/422) or a reply without a trade is `undefined`.
 */
async function getLatestPrice(alpaca: Alpaca, symbol: string): Promise<PriceQuote | undefined> {
  try {
    const response = await alpaca.marketData.stocks.stockLatestTradeSingle({ symbol, feed: 'iex' });
    const { trade } = latestTradeSchema.parse(response);
    if (trade === undefined || trade === null) return undefined;
    return { symbol, price: new Decimal(String(trade.p)), observedAt: trade.t };
  } catch (error) {
    if (hasHttpStatus(error, 400, 404, 422)) return undefined;
    throw translateAlpacaError(error);
  }
}
