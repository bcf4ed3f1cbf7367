/** Watchlists per account, persisted; an account without one uses its defaults. */
export interface WatchlistStore {
  get(accountId: string): readonly string[] | undefined;
  set(accountId: string, symbols: readonly string[]): Promise<void>;
}
