import type { Exchange } from 'ccxt';
import { Decimal } from '../../money/decimal.js';
import type { BrokerAccount, BrokerPosition } from '../../ports/broker.js';
import { toDecimalOrUndefined } from './ccxt-order-mapping.js';

/** A non-zero balance of an asset that trades against the account's quote currency. */
interface SpotHolding {
  readonly symbol: string;
  readonly quantity: Decimal;
}

interface SpotBalances {
  readonly quoteTotal: Decimal;
  readonly holdings: readonly SpotHolding[];
}

/**
 * On spot, a position is a balance. Free and locked (in open orders) both count: locked
 * coins are still owned. Assets with no `${asset}/${quote}` market (delisted dust, other
 * quote currencies) are left out: the bot could neither price nor trade them.
 */
export async function getSpotBalances(exchange: Exchange, quote: string): Promise<SpotBalances> {
  await exchange.loadMarkets();
  const balance = await exchange.fetchBalance();
  const totals = (balance as unknown as { total?: Record<string, number | string | undefined> }).total ?? {};
  const holdings: SpotHolding[] = [];
  for (const [asset, total] of Object.entries(totals)) {
    const quantity = toDecimalOrUndefined(total);
    const symbol = `${asset}/${quote}`;
    if (asset === quote || quantity === undefined || quantity.isZero()) continue;
    if (exchange.markets?.[symbol] === undefined) continue;
    holdings.push({ symbol, quantity });
  }
  return { quoteTotal: toDecimalOrUndefined(totals[quote]) ?? new Decimal(0), holdings };
}

/**
 * Spot positions. A balance does not remember what it cost, so `averageEntryPrice` is 0
 * ("unknown"); the engine's own fill records hold the real entry prices.
 */
export async function getSpotPositions(exchange: Exchange, quote: string): Promise<BrokerPosition[]> {
  const { holdings } = await getSpotBalances(exchange, quote);
  return holdings.map(({ symbol, quantity }) => ({ symbol, quantity, averageEntryPrice: new Decimal(0) }));
}

/**
 * Equity = quote balance + Σ holdings × last price; cash = quote balance. A holding whose
 * ticker has no price adds nothing. Spot exchanges report no day-start equity.
 */
export async function getSpotAccount(exchange: Exchange, quote: string): Promise<BrokerAccount> {
  const { quoteTotal, holdings } = await getSpotBalances(exchange, quote);
  const prices = await getLastPrices(
    exchange,
    holdings.map((holding) => holding.symbol),
  );
  const equity = holdings.reduce((sum, { symbol, quantity }) => {
    const price = prices.get(symbol);
    return price === undefined ? sum : sum.plus(quantity.times(price));
  }, quoteTotal);
  return { equity, cash: quoteTotal };
}

/** One fetchTickers call when the exchange has it, else one fetchTicker per symbol. */
async function getLastPrices(exchange: Exchange, symbols: readonly string[]): Promise<Map<string, Decimal>> {
  const prices = new Map<string, Decimal>();
  if (symbols.length === 0) return prices;
  const tickers = exchange.has['fetchTickers']
    ? Object.values(await exchange.fetchTickers([...symbols]))
    : await Promise.all(symbols.map((symbol) => exchange.fetchTicker(symbol)));
  for (const ticker of tickers) {
    const price = toDecimalOrUndefined(ticker.last ?? ticker.close);
    if (typeof ticker.symbol === 'string' && price !== undefined) prices.set(ticker.symbol, price);
  }
  return prices;
}
