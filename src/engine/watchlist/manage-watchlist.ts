import type { WatchlistStore } from '../ports/watchlists.js';

export type WatchlistChange =
  | { readonly kind: 'changed'; readonly symbols: readonly string[]; readonly added: readonly string[]; readonly removed: readonly string[] }
  | { readonly kind: 'invalid'; readonly problem: string };

const MAX_SYMBOLS = 200;

/** The account's watchlist, or its defaults when none was ever set. */
export function getWatchlist(store: WatchlistStore, accountId: string, defaults: readonly string[]): readonly string[] {
  return store.get(accountId) ?? defaults;
}

/**
 * Adds or removes symbols. Unknown symbols (the venue has no price for them) are refused
 * by the caller's `isKnown` check, so a typo never silently joins every scan.
 */
export async function changeWatchlist(
  store: WatchlistStore,
  accountId: string,
  defaults: readonly string[],
  change: { add?: readonly string[]; remove?: readonly string[] },
  isKnown: (symbol: string) => Promise<boolean>,
  describeUnknown: (symbol: string) => string = (symbol) => `unknown symbol "${symbol}" at this account's venue`,
): Promise<WatchlistChange> {
  const current = getWatchlist(store, accountId, defaults);
  const toAdd = (change.add ?? []).filter((s) => !current.includes(s));
  for (const symbol of toAdd) if (!(await isKnown(symbol))) return { kind: 'invalid', problem: describeUnknown(symbol) };
  const removed = (change.remove ?? []).filter((s) => current.includes(s));
  const missing = (change.remove ?? []).filter((s) => !current.includes(s));
  if (missing.length > 0) return { kind: 'invalid', problem: `not on the watchlist: ${missing.join(', ')}` };
  const symbols = [...current.filter((s) => !removed.includes(s)), ...toAdd];
  if (symbols.length > MAX_SYMBOLS) return { kind: 'invalid', problem: `a watchlist holds at most ${MAX_SYMBOLS} symbols` };
  await store.set(accountId, symbols);
  return { kind: 'changed', symbols, added: toAdd, removed };
}
