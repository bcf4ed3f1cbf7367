/** What a venue said about the symbols of a request. */
export interface SymbolCheck {
  readonly unknown: readonly string[];
  /** Every symbol the venue has, when it can list them (the simulated market). */
  readonly known?: readonly string[];
}

export interface SymbolCheckInput {
  /** The full list of a venue's symbols, for a venue that has one at hand. */
  readonly listOf: (venue: string) => readonly string[] | undefined;
  /** A price for the symbol at the venue (undefined: the venue does not know it). */
  readonly priceOf: (venue: string, symbol: string) => Promise<unknown>;
}

/**
 * Finds the symbols a venue does not know, before a backfill is asked for them: from the
 * venue's list when it has one, else by asking for a price (what /watch add does). A
 * venue that cannot be reached proves nothing: its symbols pass, and the backfill says
 * what went wrong.
 */
export function createSymbolCheck(input: SymbolCheckInput) {
  return async (venue: string, symbols: readonly string[]): Promise<SymbolCheck> => {
    const list = input.listOf(venue);
    if (list !== undefined) return { unknown: symbols.filter((s) => !list.includes(s)), known: list };
    // All at once: the venue's limiter paces the calls, and a watchlist of 90 symbols asked
    // one after another would keep the chat waiting for seconds.
    const prices = await Promise.all(symbols.map((symbol) => input.priceOf(venue, symbol).catch(() => true)));
    return { unknown: symbols.filter((_, i) => prices[i] === undefined) };
  };
}

/** The sentence for symbols a venue does not know, with the valid ones or how to find them. */
export function describeUnknownSymbols(venue: string, check: SymbolCheck): string {
  const names = check.unknown.map((s) => `"${s}"`).join(', ');
  const what = check.unknown.length === 1 ? `${names} is not a symbol on ${venue}` : `${names} are not symbols on ${venue}`;
  if (check.known !== undefined) return `${what}. Known there: ${check.known.join(', ')}`;
  const example = venue === 'alpaca' ? 'AAPL, BRK.B' : 'BTC/USDT, ETH/USDT';
  return `${what} (it has no price for ${check.unknown.length === 1 ? 'it' : 'them'}). Write symbols as ${venue} does, e.g. ${example}; /watch lists yours`;
}
