import { describe, expect, it } from 'vitest';
import { createBackfillManager } from '../../../src/engine/backfill/backfill-manager.js';
import type { EngineEvent } from '../../../src/engine/events.js';
import { findGaps } from '../../../src/engine/market/expected-bar-times.js';
import { createBackfillJobsRepository } from '../../../src/store/backfill-jobs-repository.js';
import { createMemoryBarStore } from '../../helpers/memory-bar-store.js';
import { createMemoryDocument } from '../../helpers/test-engine.js';
import { waitFor } from '../../helpers/wait-for.js';
import { NOW, createSimSource, key, wrapSource } from './backfill-fixtures.js';

describe('backfills at shutdown', () => {
  it('suspendAll stops a running backfill at a page, keeps it "running" for the next start, and the next start finishes it', async () => {
    const document = createMemoryDocument();
    const store = createMemoryBarStore();
    const events: EngineEvent[] = [];
    const make = (source = createSimSource()) =>
      createBackfillManager({ sources: new Map([['sim', source]]), store, jobs: createBackfillJobsRepository({ document }), clock: () => NOW, concurrency: 1, findGaps, events: { emit: (e) => events.push(e) } });
    // Pages come slowly, so the shutdown lands in the middle of the series.
    const slow = wrapSource(createSimSource(), () => new Promise((resolve) => setTimeout(resolve, 5)));
    const before = make(slow.source);
    const started = before.start({ venue: 'sim', symbols: ['BTC/USDT'], timeframes: ['5m'], days: 30 });
    if (started.kind !== 'started') throw new Error('not started');
    await waitFor(() => slow.pages() >= 2, 'two pages in');

    await before.suspendAll();
    expect(before.running(), 'nothing runs after the shutdown stopped it').toEqual([]);
    expect(document.data.backfills[started.handle.job.id]?.state, 'still "running" on disk: a shutdown is not a cancel').toBe('running');
    expect(events.some((e) => e.type === 'backfill_finished'), 'no report: the chat must not say it was canceled').toBe(false);
    const kept = await store.count(key('sim', 'BTC/USDT', '5m'));
    expect(kept, 'the pages stored so far are kept').toBeGreaterThanOrEqual(2_000);

    const after = make();
    const [job] = after.interrupted();
    expect(job?.id, 'the next start finds it to resume').toBe(started.handle.job.id);
    const resumed = after.start(job!.request, { job: job! });
    if (resumed.kind !== 'started') throw new Error('not resumed');
    const report = await resumed.handle.done;
    expect(report.barsStored, 'the report counts both runs').toBe(8_640);
    expect(await store.count(key('sim', 'BTC/USDT', '5m')), 'only the rest was fetched: every bar stored once').toBe(8_640);
    expect(document.data.backfills[job!.id]?.state, 'and then it is done').toBe('done');
  });
});
