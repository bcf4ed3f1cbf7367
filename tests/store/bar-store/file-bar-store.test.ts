import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Bar, SeriesKey } from '../../../src/engine/market/bars.js';
import { createFileBarStore } from '../../../src/store/bar-store/create-file-bar-store.js';
import { InvalidBarError } from '../../../src/store/bar-store/invalid-bar-error.js';
import { makeTempDir } from '../helpers.js';
import { BTC_1H, HOUR, T0, makeBar, makeHourlyBars } from './bar-fixtures.js';

async function makeStore() {
  const dir = path.join(await makeTempDir(), 'bars');
  return { dir, store: createFileBarStore({ dir }) };
}

describe('createFileBarStore: append and dedupe', () => {
  it('appends, then skips bars at or before the last stored time', async () => {
    const { store } = await makeStore();
    expect(await store.append(BTC_1H, makeHourlyBars(T0, 10)), 'a fresh series takes all').toEqual({ appended: 10, skipped: 0 });
    // Overlaps the last 4 stored bars and adds 6 new ones.
    expect(await store.append(BTC_1H, makeHourlyBars(T0 + 6 * HOUR, 10)), 'overlap is skipped').toEqual({ appended: 6, skipped: 4 });
    expect(await store.append(BTC_1H, makeHourlyBars(T0, 3)), 'a late older page is all skipped').toEqual({ appended: 0, skipped: 3 });
    expect(await store.count(BTC_1H), 'no duplicates stored').toBe(16);
    expect(await store.readLast(BTC_1H, 100), 'one bar per hour, in order').toEqual(makeHourlyBars(T0, 16));
    expect(store.getStats(), 'counted').toMatchObject({ appended: 16, skipped: 7 });
  });

  it('sorts an unsorted batch and keeps the batch’s later bar for a repeated time', async () => {
    const { store } = await makeStore();
    const newer = { ...makeBar(T0 + HOUR), c: 999 };
    const batch = [makeBar(T0 + 2 * HOUR), makeBar(T0 + HOUR), makeBar(T0), newer, makeBar(T0)];
    expect(await store.append(BTC_1H, batch), 'two repeats skipped').toEqual({ appended: 3, skipped: 2 });
    expect(await store.readLast(BTC_1H, 3), 'sorted, later duplicate wins').toEqual([makeBar(T0), newer, makeBar(T0 + 2 * HOUR)]);
  });

  it('serializes concurrent appends to one series', async () => {
    const { store } = await makeStore();
    const pages = Array.from({ length: 20 }, (_, page) => makeHourlyBars(T0 + page * 50 * HOUR, 60));
    const results = await Promise.all(pages.map((page) => store.append(BTC_1H, page)));
    expect(results.reduce((sum, r) => sum + r.appended, 0), 'each hour once').toBe(19 * 50 + 60);
    expect(await store.readLast(BTC_1H, 5000), 'the file is one ordered run').toEqual(makeHourlyBars(T0, 19 * 50 + 60));
  });

  it('rejects an invalid bar and writes nothing of that batch', async () => {
    const { store } = await makeStore();
    const bad = [makeBar(T0), { ...makeBar(T0 + HOUR), c: Number.NaN }];
    await expect(store.append(BTC_1H, bad), 'typed error').rejects.toBeInstanceOf(InvalidBarError);
    await expect(store.append(BTC_1H, [{ ...makeBar(T0), t: 1.5 }]), 'time must be whole ms').rejects.toBeInstanceOf(InvalidBarError);
    expect(await store.count(BTC_1H), 'nothing stored').toBe(0);
    expect(await store.listSeries(), 'not even a file').toEqual([]);
  });
});

describe('createFileBarStore: reads', () => {
  it('reads the last N bars, all of them when N exceeds the count, none for N ≤ 0', async () => {
    const { store } = await makeStore();
    const bars = makeHourlyBars(T0, 1200);
    for (let i = 0; i < bars.length; i += 500) await store.append(BTC_1H, bars.slice(i, i + 500));
    expect(await store.readLast(BTC_1H, 500), 'the newest 500').toEqual(bars.slice(-500));
    expect(await store.readLast(BTC_1H, 5000), 'capped at the count').toEqual(bars);
    expect(await store.readLast(BTC_1H, 0), 'none').toEqual([]);
    expect(await store.readLast(BTC_1H, -3), 'none').toEqual([]);
    expect(await store.lastTimestamp(BTC_1H), 'last t').toBe(T0 + 1199 * HOUR);
  });

  it('reads ranges [from, to) exactly like filtering a reference array', async () => {
    const { store } = await makeStore();
    // Irregular times (missing hours) so the binary search cannot rely on a fixed step.
    const reference: Bar[] = [];
    for (let i = 0; i < 4000; i += 1) if (i % 7 !== 3 && i % 11 !== 5) reference.push(makeBar(T0 + i * HOUR));
    for (let i = 0; i < reference.length; i += 1000) await store.append(BTC_1H, reference.slice(i, i + 1000));
    // Bounds on, just before and just after bar times, where off-by-one errors show.
    const bound = fc
      .tuple(fc.integer({ min: -50, max: 4100 }), fc.constantFrom(0, 0, -1, 1, HOUR / 2))
      .map(([hour, offset]) => T0 + hour * HOUR + offset);
    await fc.assert(
      fc.asyncProperty(bound, bound, async (a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const expected = reference.filter((bar) => bar.t >= lo && bar.t < hi);
        expect(await store.readRange(BTC_1H, lo, hi), `range [${lo}, ${hi})`).toEqual(expected);
      }),
      { numRuns: 150 },
    );
    // Exact bar times at the binary search's first probes (the middle, then the quarters) and a spread.
    const n = reference.length;
    const probes = [n >>> 1, (n >>> 1) + 1, n >>> 2, (3 * n) >>> 2, ...Array.from({ length: 40 }, (_, k) => k * 61)];
    for (const i of probes) {
      const bar = reference[i] as Bar;
      expect(await store.readRange(BTC_1H, bar.t, bar.t + 1), `exactly the bar at index ${i}`).toEqual([bar]);
    }
    expect(await store.readRange(BTC_1H, T0 + 10 * HOUR, T0 + 10 * HOUR), 'empty range').toEqual([]);
    expect(await store.readRange(BTC_1H, T0 + 10 * HOUR, T0), 'reversed range').toEqual([]);
  });

  it('answers a missing series with empty results and creates nothing', async () => {
    const { dir, store } = await makeStore();
    const missing: SeriesKey = { venue: 'alpaca', symbol: 'AAPL', timeframe: '1d' };
    expect(await store.readLast(missing, 500), 'no bars').toEqual([]);
    expect(await store.readRange(missing, 0, Date.now()), 'no bars').toEqual([]);
    expect(await store.lastTimestamp(missing), 'no last time').toBeUndefined();
    expect(await store.count(missing), 'zero').toBe(0);
    expect(await store.listSeries(), 'the directory does not even exist').toEqual([]);
    await expect(stat(dir), 'reads do not create directories').rejects.toThrow(/ENOENT/);
  });
});

describe('createFileBarStore: files', () => {
  it('persists across store instances', async () => {
    const { dir, store } = await makeStore();
    await store.append(BTC_1H, makeHourlyBars(T0, 700));
    const reopened = createFileBarStore({ dir });
    expect(await reopened.count(BTC_1H), 'count survives').toBe(700);
    expect(await reopened.lastTimestamp(BTC_1H), 'last time survives').toBe(T0 + 699 * HOUR);
    const overlapping = makeHourlyBars(T0 + 690 * HOUR, 20);
    expect(await reopened.append(BTC_1H, overlapping), 'dedupe uses the file').toEqual({ appended: 10, skipped: 10 });
    expect(await createFileBarStore({ dir }).readLast(BTC_1H, 1000), 'all bars').toEqual(makeHourlyBars(T0, 710));
  });

  it('keeps one file of 48-byte records per series under readable, reversible names', async () => {
    const { dir, store } = await makeStore();
    const series: SeriesKey[] = [
      BTC_1H,
      { ...BTC_1H, timeframe: '4h' },
      { venue: 'alpaca', symbol: 'BRK.B', timeframe: '1d' },
      { venue: 'ccxt:bybit', symbol: 'BTC/USDT:USDT', timeframe: '15m' },
      { venue: 'sim', symbol: 'odd-name_%', timeframe: '1m' },
    ];
    for (const key of series) await store.append(key, makeHourlyBars(T0, 3));
    const file = path.join(dir, 'ccxt_binance', 'BTC-USDT', '1h.bars');
    expect((await readFile(file)).byteLength, 'three records').toBe(3 * 48);
    expect(await store.listSeries(), 'every key rebuilt from its path, sorted').toEqual([
      { venue: 'alpaca', symbol: 'BRK.B', timeframe: '1d' },
      BTC_1H,
      { ...BTC_1H, timeframe: '4h' },
      { venue: 'ccxt:bybit', symbol: 'BTC/USDT:USDT', timeframe: '15m' },
      { venue: 'sim', symbol: 'odd-name_%', timeframe: '1m' },
    ]);
    await expect(store.count({ venue: '', symbol: 'X', timeframe: '1h' }), 'an empty venue has no file name').rejects.toThrow(RangeError);
  });

  it('fsync mode stores the same bars', async () => {
    const dir = path.join(await makeTempDir(), 'bars');
    const store = createFileBarStore({ dir, fsync: true });
    await store.append(BTC_1H, makeHourlyBars(T0, 50));
    await store.flush();
    expect(await createFileBarStore({ dir }).readLast(BTC_1H, 50), 'durable and readable').toEqual(makeHourlyBars(T0, 50));
  });
});
