export type AssetClass = 'crypto' | 'us_equity';

/**
 * Which market a symbol trades in, and so which hours apply. ccxt writes pairs as
 * BASE/QUOTE (BTC/USDT) and trades them 24/7; Alpaca equity tickers (AAPL, BRK.B) never
 * contain a slash and follow the NYSE calendar.
 */
export function getAssetClass(symbol: string): AssetClass {
  return symbol.includes('/') ? 'crypto' : 'us_equity';
}
