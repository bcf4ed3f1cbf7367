import type { BarStore } from '../ports/bar-store.js';
import type { BarSeries } from './collect-outcomes.js';

/** Every series the bar store holds (or one venue's), oldest bar first, one series at a time. */
export async function* readStoredHistory(store: Pick<BarStore, 'listSeries' | 'readRange'>, venue?: string): AsyncGenerator<BarSeries> {
  for (const key of await store.listSeries()) {
    if (venue !== undefined && key.venue !== venue) continue;
    const bars = await store.readRange(key, 0, Number.MAX_SAFE_INTEGER);
    yield { symbol: key.symbol, timeframe: key.timeframe, bars };
  }
}
