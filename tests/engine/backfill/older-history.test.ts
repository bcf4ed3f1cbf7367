import { describe, expect, it } from 'vitest';
import type { BackfillRequest } from '../../../src/engine/backfill/run-backfill.js';
import { SIM_VENUE } from '../../../src/engine/venues/sim/simulated-bar-source.js';
import { createFileBarStore } from '../../../src/store/bar-store/create-file-bar-store.js';
import { waitFor } from '../../helpers/wait-for.js';
import { DAY, NOW, createSimSource, createTempBarStore, expectedBarCount, isContiguous, key, never, readAll, runWith, wrapSource } from './backfill-fixtures.js';

const BTC_1D = key(SIM_VENUE, 'BTC/USDT', '1d');
const days = (n: number): BackfillRequest => ({ venue: SIM_VENUE, symbols: ['BTC/USDT'], timeframes: ['1d'], days: n });

describe('runBackfill: reaching further back than what is stored', () => {
  // Regression, fixed: after 60 days of 1d bars, 120 days said "1/1 ok · 0 bars stored · 1 gaps (60 bars missing)".
  it('after 60 days of 1d bars, a 120-day backfill fetches and stores the older 60 days, in order', async () => {
    const { dir, store } = await createTempBarStore();
    expect((await runWith(store, createSimSource(), days(60))).barsStored, 'the first 60 days: 59 closed daily bars').toBe(expectedBarCount('1d', 60));
    const firstStored = (await store.stretches(BTC_1D))[0]!.first;
    const watched = wrapSource(createSimSource());
    const report = await runWith(store, watched.source, days(120));
    expect(watched.requests.map((r) => [r.from, r.to]), 'only the older 60 days are asked for').toEqual([[NOW.getTime() - 120 * DAY, firstStored]]);
    expect(report.series[0], 'stored, and no gap left').toMatchObject({ status: 'ok', stored: 60, gaps: 0, missingBars: 0 });
    expect(report.barsStored, 'the report counts them').toBe(60);

    const bars = await readAll(dir, BTC_1D);
    expect(bars.length, '120 days of daily bars').toBe(expectedBarCount('1d', 120));
    expect(isContiguous(bars, '1d'), 'one sorted run, no repeat, no hole').toBe(true);
    const clean = await createTempBarStore();
    await runWith(clean.store, createSimSource(), days(120));
    expect(bars, 'exactly the bars of one 120-day run').toEqual(await readAll(clean.dir, BTC_1D));
  });

  it('resumes an older-history fetch a crash cut short: only the hole is fetched, and the result equals a clean run', async () => {
    const request: BackfillRequest = { venue: SIM_VENUE, symbols: ['ETH/USDT'], timeframes: ['5m'], days: 60 };
    const series = key(SIM_VENUE, 'ETH/USDT', '5m');
    const { dir, store } = await createTempBarStore();
    await runWith(store, createSimSource(), { ...request, days: 30 });
    // The older 30 days are nine pages; the process dies for good at the fourth.
    const dying = wrapSource(createSimSource(), (page) => (page > 3 ? never() : undefined));
    void runWith(store, dying.source, request);
    await waitFor(() => dying.pages() > 3, 'the run to reach its 4th page');
    await store.flush();

    const restarted = createFileBarStore({ dir });
    const stretches = await restarted.stretches(series);
    expect(stretches.length, 'the older pages and the newer month: a hole between them').toBe(2);
    const resumed = wrapSource(createSimSource());
    const report = await runWith(restarted, resumed.source, request);
    expect(resumed.requests.map((r) => [r.from, r.to]), 'only the hole is fetched').toEqual([[stretches[0]!.last + 300_000, stretches[1]!.first]]);
    expect(report.series[0], 'complete').toMatchObject({ status: 'ok', gaps: 0 });

    const clean = await createTempBarStore();
    await runWith(clean.store, createSimSource(), request);
    const bars = await readAll(dir, series);
    expect(isContiguous(bars, '5m'), 'one run, no repeat, no hole').toBe(true);
    expect(bars, 'exactly the bars of a clean run').toEqual(await readAll(clean.dir, series));
  });
});
