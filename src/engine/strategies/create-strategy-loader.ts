import type { Strategy } from './strategy.js';

/**
 * The strategies a scan runs: the list itself, or a loader for it. The composition root
 * passes a loader so that trading-signals (176 modules, about 100 ms) loads on the first
 * scan instead of on every start.
 */
export type StrategySource = readonly Strategy[] | (() => Promise<readonly Strategy[]>);

/** Loads the strategies once; a failed load is tried again on the next call. */
export function createStrategyLoader(source: StrategySource): () => Promise<readonly Strategy[]> {
  if (typeof source !== 'function') {
    const loaded = Promise.resolve(source);
    return () => loaded;
  }
  let loading: Promise<readonly Strategy[]> | undefined;
  return () =>
    (loading ??= source().catch((error: unknown) => {
      loading = undefined;
      throw error;
    }));
}
