import type { Bar, SeriesKey } from '../../src/engine/market/bars.js';
import type { BarStore } from '../../src/engine/ports/bar-store.js';

/** The BarStore contract on arrays, for tests that are not about files. */
export function createMemoryBarStore(): BarStore & { series: Map<string, Bar[]> } {
  const series = new Map<string, Bar[]>();
  const keyOf = (s: SeriesKey) => `${s.venue}|${s.symbol}|${s.timeframe}`;
  const get = (s: SeriesKey) => series.get(keyOf(s)) ?? [];
  return {
    series,
    async append(s, bars) {
      const list = [...get(s)];
      let appended = 0;
      for (const bar of [...bars].sort((a, b) => a.t - b.t)) {
        const last = list.at(-1)?.t;
        if (last !== undefined && bar.t <= last) continue;
        list.push(bar);
        appended++;
      }
      series.set(keyOf(s), list);
      return { appended, skipped: bars.length - appended };
    },
    readLast: async (s, count) => get(s).slice(-count),
    readRange: async (s, from, to) => get(s).filter((b) => b.t >= from && b.t < to),
    lastTimestamp: async (s) => get(s).at(-1)?.t,
    count: async (s) => get(s).length,
    listSeries: async () =>
      [...series.keys()].map((k) => {
        const [venue = '', symbol = '', timeframe = '1h'] = k.split('|');
        return { venue, symbol, timeframe } as SeriesKey;
      }),
  };
}
