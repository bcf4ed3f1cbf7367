import { appendFile, readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Bar } from '../../../src/engine/market/bars.js';
import { encodeBars } from '../../../src/store/bar-store/bar-record.js';
import { createFileBarStore } from '../../../src/store/bar-store/create-file-bar-store.js';
import { OverlappingSegmentsError } from '../../../src/store/bar-store/overlapping-segments-error.js';
import { makeTempDir } from '../helpers.js';
import { BTC_1H, HOUR, T0, makeBar, makeHourlyBars } from './bar-fixtures.js';

async function makeStore() {
  const dir = path.join(await makeTempDir(), 'bars');
  const folder = path.join(dir, 'ccxt_binance', 'BTC-USDT');
  return { dir, folder, store: createFileBarStore({ dir }) };
}

describe('createFileBarStore: history older than what is stored', () => {
  it('stores older bars before the stored ones, in order, without rewriting the main file', async () => {
    const { dir, folder, store } = await makeStore();
    await store.append(BTC_1H, makeHourlyBars(T0 + 60 * HOUR, 60));
    const mainBefore = await readFile(path.join(folder, '1h.bars'));
    expect(await store.insert(BTC_1H, makeHourlyBars(T0, 30)), 'the oldest page is stored').toEqual({ appended: 30, skipped: 0 });
    expect(await store.insert(BTC_1H, makeHourlyBars(T0 + 30 * HOUR, 35)), 'the next page fills the hole up to the stored bars, the overlap is skipped').toEqual({ appended: 30, skipped: 5 });
    expect(await readFile(path.join(folder, '1h.bars')), 'the main file was not touched').toEqual(mainBefore);
    expect((await readdir(folder)).sort(), 'one older segment beside the main file').toEqual([`1h.${T0}.bars`, '1h.bars']);

    const reopened = createFileBarStore({ dir });
    expect(await reopened.readRange(BTC_1H, 0, Number.MAX_SAFE_INTEGER), 'one sorted run, as after a restart').toEqual(makeHourlyBars(T0, 120));
    expect(await reopened.readLast(BTC_1H, 70), 'the last 70 span both files').toEqual(makeHourlyBars(T0 + 50 * HOUR, 70));
    expect(await reopened.count(BTC_1H), 'counted across files').toBe(120);
    expect(await reopened.lastTimestamp(BTC_1H), 'the last bar is still the newest').toBe(T0 + 119 * HOUR);
    expect(await reopened.stretches(BTC_1H), 'two stretches that meet').toEqual([
      { first: T0, last: T0 + 59 * HOUR, count: 60 },
      { first: T0 + 60 * HOUR, last: T0 + 119 * HOUR, count: 60 },
    ]);
    expect(await reopened.listSeries(), 'still one series').toEqual([BTC_1H]);
    expect(await reopened.append(BTC_1H, makeHourlyBars(T0 + 120 * HOUR, 2)), 'new bars still go to the main file').toEqual({ appended: 2, skipped: 0 });
  });

  it('append keeps its contract: an older page is skipped, only insert stores it', async () => {
    const { store } = await makeStore();
    await store.append(BTC_1H, makeHourlyBars(T0 + 10 * HOUR, 10));
    expect(await store.append(BTC_1H, makeHourlyBars(T0, 5)), 'append never goes back in time').toEqual({ appended: 0, skipped: 5 });
    expect(await store.insert(BTC_1H, makeHourlyBars(T0, 12)), 'insert stores the older ones and skips the stored').toEqual({ appended: 10, skipped: 2 });
    expect(store.getStats(), 'every bar handed in is accounted for').toMatchObject({ appended: 20, skipped: 7 });
  });

  it('repairs a torn older segment and removes one a crash left empty', async () => {
    const { dir, folder, store } = await makeStore();
    await store.append(BTC_1H, makeHourlyBars(T0 + 100 * HOUR, 10));
    await store.insert(BTC_1H, makeHourlyBars(T0 + 50 * HOUR, 10));
    // A killed writer: half a record at the end of the older segment, and an empty file
    // created for a still older segment before its first write.
    await appendFile(path.join(folder, `1h.${T0 + 50 * HOUR}.bars`), encodeBars([makeBar(T0 + 60 * HOUR)]).subarray(0, 30));
    await writeFile(path.join(folder, `1h.${T0}.bars`), '');
    const reopened = createFileBarStore({ dir });
    expect(await reopened.count(BTC_1H), 'the whole records stay').toBe(20);
    expect(reopened.getStats(), 'the torn tail was cut').toMatchObject({ repairedFiles: 1, droppedBytes: 30 });
    expect((await readdir(folder)).sort(), 'the empty segment is gone').toEqual([`1h.${T0 + 50 * HOUR}.bars`, '1h.bars']);
    expect(await reopened.insert(BTC_1H, makeHourlyBars(T0, 100)), 'the holes fill again').toEqual({ appended: 90, skipped: 10 });
    expect(await createFileBarStore({ dir }).readRange(BTC_1H, 0, Number.MAX_SAFE_INTEGER), 'one run').toEqual(makeHourlyBars(T0, 110));
  });

  it('refuses a series whose files overlap in time (copied by hand) with a typed error', async () => {
    const { dir, folder, store } = await makeStore();
    await store.append(BTC_1H, makeHourlyBars(T0, 10));
    await writeFile(path.join(folder, `1h.${T0 + 5 * HOUR}.bars`), encodeBars(makeHourlyBars(T0 + 5 * HOUR, 2)));
    await expect(createFileBarStore({ dir }).count(BTC_1H), 'mixing two histories is refused').rejects.toBeInstanceOf(OverlappingSegmentsError);
  });

  it('matches a reference model over random inserts and appends, also after reopening', async () => {
    const { dir, store } = await makeStore();
    const op = fc.record({ insert: fc.boolean(), start: fc.integer({ min: 0, max: 300 }), length: fc.integer({ min: 1, max: 60 }) });
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 12 }), async (ops) => {
        const model = createModel();
        const series = { ...BTC_1H, symbol: `P${Math.random().toString(36).slice(2, 10)}/USDT` };
        for (const { insert, start, length } of ops) {
          const bars = makeHourlyBars(T0 + start * HOUR, length);
          const expected = insert ? model.insert(bars) : model.append(bars);
          const result = insert ? await store.insert(series, bars) : await store.append(series, bars);
          expect(result.appended, `${insert ? 'insert' : 'append'} ${start}+${length}`).toBe(expected);
        }
        const all = await createFileBarStore({ dir }).readRange(series, 0, Number.MAX_SAFE_INTEGER);
        expect(all, 'the same bars as the model, sorted, after a reopen').toEqual(model.bars());
        expect(await store.stretches(series), 'the same stretches').toEqual(model.stretches());
      }),
      { numRuns: 40 },
    );
  });
});

/**
 * The documented rules on plain arrays, written independently of plan-insert.ts: a bar is
 * stored unless a stretch covers it; newer bars extend the last stretch, bars in a hole
 * extend the stretch before it, and older bars form one new first stretch.
 */
function createModel() {
  let stretches: { first: number; last: number; bars: Bar[] }[] = [];
  return {
    append(bars: Bar[]): number {
      const last = stretches.at(-1);
      const fresh = bars.filter((b) => last === undefined || b.t > last.last);
      if (fresh.length === 0) return 0;
      if (last === undefined) stretches.push({ first: fresh[0]!.t, last: fresh.at(-1)!.t, bars: fresh });
      else Object.assign(last, { last: fresh.at(-1)!.t, bars: [...last.bars, ...fresh] });
      return fresh.length;
    },
    insert(bars: Bar[]): number {
      const before = stretches.map((s) => ({ ...s }));
      const older = bars.filter((b) => before.length > 0 && b.t < before[0]!.first);
      let stored = older.length;
      for (const bar of bars.filter((b) => !older.includes(b))) {
        const i = before.findLastIndex((s) => s.first <= bar.t);
        const owner = stretches[i === -1 ? stretches.length - 1 : i];
        if (owner === undefined) {
          stretches.push({ first: bar.t, last: bar.t, bars: [bar] });
        } else if (bar.t > owner.last) {
          owner.bars.push(bar);
          owner.last = bar.t;
        } else continue;
        stored += 1;
      }
      if (older.length > 0) stretches = [{ first: older[0]!.t, last: older.at(-1)!.t, bars: older }, ...stretches];
      return stored;
    },
    bars: () => stretches.flatMap((s) => s.bars),
    stretches: () => stretches.map((s) => ({ first: s.first, last: s.last, count: s.bars.length })),
  };
}
