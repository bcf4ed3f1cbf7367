import type { Decimal } from '../money/decimal.js';

export interface PriceQuote {
  readonly symbol: string;
  readonly price: Decimal;
  /** When the venue observed it; the stale-data gate compares it with the clock. */
  readonly observedAt: Date;
}

/**
 * Prices (and, with the market-data work, bars) for one venue. Unknown symbols are an
 * expected negative: `undefined`, so the chat can say "unknown symbol".
 */
export interface MarketData {
  latestPrice(symbol: string): Promise<PriceQuote | undefined>;
  /** Every symbol, for a venue that has the list at hand (the simulated market): an unknown one is answered with it. */
  knownSymbols?(): readonly string[];
}
