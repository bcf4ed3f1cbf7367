export type AssetClass = 'crypto' | 'us_equity';

/**
 * Which market a symbol trades in, and so which hours apply. ccxt writes pairs as
 * BASE/QUOTE (BTC/USDT) and trades them 24/7; Alpaca equity tickers (AAPL, BRK.B) never
 * contain a slash and follow the NYSE calendar.
 */
export function getAssetClass(symbol: string): AssetClass {
  return symbol.includes('/') ? 'crypto' : 'us_equity';
}

/**
 * The units amounts are told in: the base asset of a pair (SOL of SOL/USDT) or the ticker
 * of a stock, and the quote currency where the symbol names one (stocks trade in USD).
 */
export function getSymbolUnits(symbol: string): { readonly base: string; readonly quote: string | undefined } {
  const [base = symbol, quote] = symbol.split('/');
  return { base, quote };
}
