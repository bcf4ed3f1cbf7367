import { BadSymbol, OrderNotFound, type Exchange, type Order } from 'ccxt';
import { CountersignError, VenueUnavailableError } from '../../../errors.js';
import type { MarketData, PriceQuote } from '../../ports/market-data.js';
import type { Venue } from '../../accounts/venue.js';
import type { Broker, BrokerOrder, MarketRules, OrderRequest } from '../../ports/broker.js';
import { OrderRejectedError } from '../broker-errors.js';
import { translateCcxtError } from './ccxt-errors.js';
import { CcxtSetupError, createCcxtExchange, type CcxtExchangeOptions } from './ccxt-exchange.js';
import { toBrokerOrder, toDecimalOrUndefined, toMarketRules } from './ccxt-order-mapping.js';
import { getSpotAccount, getSpotPositions } from './ccxt-spot-account.js';

export type ClientIdLookup = 'fetch_order' | 'scan';

export interface CcxtBrokerOptions extends CcxtExchangeOptions {
  /** The account's quote currency: positions are `${asset}/${quote}`. Default USDT. */
  readonly quoteCurrency?: string;
  /** How to find an order by client id; the default depends on the exchange (see below). */
  readonly clientIdLookup?: ClientIdLookup;
  /** Clock for tickers without a timestamp. */
  readonly now?: () => Date;
  /** An instance to share (with the bar source of the same keys): ccxt throttles per instance. */
  readonly exchange?: Exchange;
}

/**
 * Exchanges whose ccxt `fetchOrder` takes a `clientOrderId` param in place of the order id
 * (binance: `origClientOrderId`, bitget: `clientOid`; checked in ccxt's sources). Others
 * scan open + closed orders.
 */
const FETCH_ORDER_BY_CLIENT_ID: ReadonlySet<string> = new Set(['binance', 'binanceus', 'bitget']);

/** ccxt's fetchOrder types the id as a string; with a client id in params it is unused. */
const NO_ORDER_ID = undefined as unknown as string;

interface CcxtContext {
  readonly exchange: Exchange;
  readonly venue: Venue;
  readonly quote: string;
  readonly lookup: ClientIdLookup;
  readonly now: () => Date;
}

/** Any ccxt spot exchange as a Broker and MarketData; one ccxt instance per broker. */
export function createCcxtBroker(options: CcxtBrokerOptions): Broker & MarketData {
  const exchange = options.exchange ?? createCcxtExchange(options);
  const lookup = options.clientIdLookup ?? (FETCH_ORDER_BY_CLIENT_ID.has(options.exchangeId) ? 'fetch_order' : 'scan');
  if (lookup === 'scan' && !canScanOrders(exchange)) throw new CcxtSetupError(options.exchangeId, 'client_id_lookup_unsupported');
  const ctx: CcxtContext = {
    exchange,
    venue: `ccxt:${options.exchangeId}`,
    quote: options.quoteCurrency ?? 'USDT',
    lookup,
    now: options.now ?? (() => new Date()),
  };
  return {
    venue: ctx.venue,
    submitOrder: (request) => submitOrder(ctx, request),
    getOrderByClientId: (clientOrderId, symbol) => call(ctx, () => getOrderByClientId(ctx, clientOrderId, symbol)),
    cancelOrder: (order) => call(ctx, async () => void (await exchange.cancelOrder(order.venueOrderId, order.symbol))),
    cancelAllOpenOrders: () => call(ctx, () => cancelAllOpenOrders(exchange)),
    getPositions: () => call(ctx, () => getSpotPositions(exchange, ctx.quote)),
    getAccount: () => call(ctx, () => getSpotAccount(exchange, ctx.quote)),
    getMarketRules: (symbol) => call(ctx, () => getMarketRules(ctx, symbol)),
    latestPrice: (symbol) => call(ctx, () => getLatestPrice(ctx, symbol)),
  };
}

function canScanOrders(exchange: Exchange): boolean {
  return Boolean(exchange.has['fetchOpenOrders']) && Boolean(exchange.has['fetchClosedOrders'] || exchange.has['fetchOrders']);
}

/** Runs a ccxt call and rethrows its failure as a broker error. */
async function call<T>(ctx: CcxtContext, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw translate(ctx, error);
  }
}

function translate(ctx: CcxtContext, error: unknown, clientOrderId?: string): unknown {
  return translateCcxtError(error, { venue: ctx.venue, clientOrderId, responseHeaders: ctx.exchange.last_response_headers });
}

async function submitOrder(ctx: CcxtContext, request: OrderRequest): Promise<BrokerOrder> {
  try {
    await ctx.exchange.loadMarkets();
    const market = ctx.exchange.market(request.symbol);
    return toBrokerOrder(await placeOrder(ctx, request), market, request.clientOrderId);
  } catch (error) {
    const translated = translate(ctx, error, request.clientOrderId);
    if (translated instanceof CountersignError) throw translated;
    // Anything unrecognized after the request may have left could hide an accepted order.
    throw new VenueUnavailableError(ctx.venue, 'unexpected failure while submitting', { cause: error });
  }
}

/**
 * ccxt's unified `clientOrderId` param; ccxt renames it per exchange (binance:
 * `newClientOrderId`). Amounts cross into ccxt as numbers, its API type: they are already
 * rounded to the market's increments, which a double holds exactly to 15 digits.
 */
function placeOrder(ctx: CcxtContext, request: OrderRequest): Promise<Order> {
  const { quantity, notional } = request;
  const params = { clientOrderId: request.clientOrderId };
  const exactlyOne = () => new OrderRejectedError(ctx.venue, 'exactly one of quantity and notional is required');
  if (notional !== undefined) {
    if (quantity !== undefined) throw exactlyOne();
    return placeNotionalOrder(ctx, request, notional.toNumber(), params);
  }
  if (quantity === undefined) throw exactlyOne();
  if (request.type === 'limit' && request.limitPrice === undefined) throw new OrderRejectedError(ctx.venue, 'a limit order needs a limit price');
  const price = request.type === 'limit' ? request.limitPrice?.toNumber() : undefined;
  return ctx.exchange.createOrder(request.symbol, request.type, request.side, quantity.toNumber(), price, params);
}

/** A market order for an amount of quote currency (Binance: `quoteOrderQty`). */
function placeNotionalOrder(ctx: CcxtContext, request: OrderRequest, cost: number, params: Record<string, string>): Promise<Order> {
  const { exchange, venue } = ctx;
  if (request.type !== 'market') throw new OrderRejectedError(venue, 'a notional order must be a market order');
  if (exchange.has['createMarketOrderWithCost']) return exchange.createMarketOrderWithCost(request.symbol, request.side, cost, params);
  if (request.side === 'buy' && exchange.has['createMarketBuyOrderWithCost']) return exchange.createMarketBuyOrderWithCost(request.symbol, cost, params);
  throw new OrderRejectedError(venue, `${exchange.id} takes no notional ${request.side} orders`);
}

async function getOrderByClientId(ctx: CcxtContext, clientOrderId: string, symbol: string): Promise<BrokerOrder | undefined> {
  const { exchange } = ctx;
  await exchange.loadMarkets();
  const market = exchange.market(symbol);
  if (ctx.lookup === 'fetch_order') {
    try {
      return toBrokerOrder(await exchange.fetchOrder(NO_ORDER_ID, symbol, { clientOrderId }), market, clientOrderId);
    } catch (error) {
      // Binance: -2013 "Order does not exist." → ccxt OrderNotFound.
      if (error instanceof OrderNotFound) return undefined;
      throw error;
    }
  }
  const [open, done] = await Promise.all([
    exchange.fetchOpenOrders(symbol),
    exchange.has['fetchClosedOrders'] ? exchange.fetchClosedOrders(symbol) : exchange.fetchOrders(symbol),
  ]);
  const found = [...open, ...done].find((order) => order.clientOrderId === clientOrderId);
  return found === undefined ? undefined : toBrokerOrder(found, market, clientOrderId);
}

/**
 * Most spot APIs cancel "all" per symbol only (Binance DELETE /api/v3/openOrders needs
 * one), so find the symbols with open orders first.
 */
async function cancelAllOpenOrders(exchange: Exchange): Promise<number> {
  await exchange.loadMarkets();
  const open = await exchange.fetchOpenOrders();
  const symbols = [...new Set(open.map((order) => order.symbol).filter((symbol): symbol is string => typeof symbol === 'string'))];
  let canceled = 0;
  for (const symbol of symbols) {
    if (exchange.has['cancelAllOrders']) {
      canceled += (await exchange.cancelAllOrders(symbol)).length;
      continue;
    }
    for (const order of open.filter((candidate) => candidate.symbol === symbol)) {
      await exchange.cancelOrder(String(order.id), symbol);
      canceled += 1;
    }
  }
  return canceled;
}

async function getMarketRules(ctx: CcxtContext, symbol: string): Promise<MarketRules> {
  await ctx.exchange.loadMarkets();
  const rules = toMarketRules(ctx.exchange.market(symbol), ctx.exchange.precisionMode);
  if (rules === undefined) throw new OrderRejectedError(ctx.venue, `${symbol} states no fixed quantity and price increments`);
  return rules;
}

/** The last trade price from the ticker; an unknown symbol is `undefined`. */
async function getLatestPrice(ctx: CcxtContext, symbol: string): Promise<PriceQuote | undefined> {
  try {
    await ctx.exchange.loadMarkets();
    const ticker = await ctx.exchange.fetchTicker(symbol);
    const price = toDecimalOrUndefined(ticker.last ?? ticker.close);
    if (price === undefined) return undefined;
    const timestamp = Number(ticker.timestamp);
    return { symbol, price, observedAt: Number.isFinite(timestamp) && timestamp > 0 ? new Date(timestamp) : ctx.now() };
  } catch (error) {
    if (error instanceof BadSymbol) return undefined;
    throw error;
  }
}
