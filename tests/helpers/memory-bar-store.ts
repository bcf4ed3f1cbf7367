import type { Bar, SeriesKey } from '../../src/engine/market/bars.js';
import type { BarStore } from '../../src/engine/ports/bar-store.js';
import { planInsert } from '../../src/store/bar-store/plan-insert.js';

/**
 * The BarStore contract on arrays, for tests that are not about files: per series a list
 * of segments (oldest first, the main one last), filled by the same plan as the file store.
 */
export function createMemoryBarStore(): BarStore & { series: Map<string, Bar[][]> } {
  const series = new Map<string, Bar[][]>();
  const keyOf = (s: SeriesKey) => `${s.venue}|${s.symbol}|${s.timeframe}`;
  const segmentsOf = (s: SeriesKey) => series.get(keyOf(s)) ?? [[]];
  const all = (s: SeriesKey) => segmentsOf(s).flat();
  const indexOf = (bars: readonly Bar[]) => ({ count: bars.length, firstTime: bars[0]?.t, lastTime: bars.at(-1)?.t });
  const sortUnique = (bars: readonly Bar[]) => {
    const byTime = new Map<number, Bar>();
    for (const bar of bars) byTime.set(bar.t, bar);
    return [...byTime.values()].sort((a, b) => a.t - b.t);
  };
  const write = (s: SeriesKey, bars: readonly Bar[], insert: boolean) => {
    const segments = segmentsOf(s).map((segment) => [...segment]);
    const sorted = sortUnique(bars);
    const last = all(s).at(-1)?.t;
    const { writes } = insert
      ? planInsert(segments.map(indexOf), sorted)
      : { writes: [{ target: segments.length - 1, bars: sorted.filter((b) => last === undefined || b.t > last) }] };
    let appended = 0;
    for (const w of writes) {
      if (w.target === 'new') segments.unshift([...w.bars]);
      else segments[w.target]?.push(...w.bars);
      appended += w.bars.length;
    }
    series.set(keyOf(s), segments);
    return { appended, skipped: bars.length - appended };
  };
  return {
    series,
    append: async (s, bars) => write(s, bars, false),
    insert: async (s, bars) => write(s, bars, true),
    stretches: async (s) => segmentsOf(s).filter((b) => b.length > 0).map((b) => ({ first: b[0]!.t, last: b.at(-1)!.t, count: b.length })),
    readLast: async (s, count) => (count > 0 ? all(s).slice(-count) : []),
    readRange: async (s, from, to) => all(s).filter((b) => b.t >= from && b.t < to),
    lastTimestamp: async (s) => all(s).at(-1)?.t,
    count: async (s) => all(s).length,
    listSeries: async () =>
      [...series.keys()].map((k) => {
        const [venue = '', symbol = '', timeframe = '1h'] = k.split('|');
        return { venue, symbol, timeframe } as SeriesKey;
      }),
  };
}
