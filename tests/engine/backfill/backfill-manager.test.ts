import { describe, expect, it } from 'vitest';
import { createBackfillManager, type StartBackfillResult } from '../../../src/engine/backfill/backfill-manager.js';
import type { BackfillRequest } from '../../../src/engine/backfill/run-backfill.js';
import type { EngineEvent } from '../../../src/engine/events.js';
import type { BarSource } from '../../../src/engine/ports/bar-source.js';
import { findGaps } from '../../../src/engine/market/expected-bar-times.js';
import type { BackfillJobStore } from '../../../src/engine/ports/backfill-jobs.js';
import type { BarStore } from '../../../src/engine/ports/bar-store.js';
import { createBackfillJobsRepository } from '../../../src/store/backfill-jobs-repository.js';
import { createMemoryBarStore } from '../../helpers/memory-bar-store.js';
import { createMemoryDocument } from '../../helpers/test-engine.js';
import { waitFor } from '../../helpers/wait-for.js';
import { NOW, createSimSource, fakeSource, key, makeBars, never, wrapSource } from './backfill-fixtures.js';

const SIM: BackfillRequest = { venue: 'sim', symbols: ['BTC/USDT'], timeframes: ['1h'], days: 30 };
const ALPACA: BackfillRequest = { venue: 'alpaca', symbols: ['AAPL'], timeframes: ['1h'], days: 10 };

/** A door the source waits at before every page, until the test opens it. */
function createDoor() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { wait: () => opened, open: () => open() };
}

function createHarness(options: { sim?: BarSource; document?: ReturnType<typeof createMemoryDocument>; store?: BarStore; jobs?: BackfillJobStore } = {}) {
  const document = options.document ?? createMemoryDocument();
  const events: EngineEvent[] = [];
  const alpaca = fakeSource('alpaca', async function* (_symbol, _tf, from) {
    yield { bars: makeBars(Math.ceil(from / 3_600_000) * 3_600_000, 10), dropped: 0 };
  });
  const store = options.store ?? createMemoryBarStore();
  const manager = createBackfillManager({
    sources: new Map([
      ['sim', options.sim ?? createSimSource()],
      ['alpaca', alpaca],
    ]),
    store,
    jobs: options.jobs ?? createBackfillJobsRepository({ document }),
    clock: () => NOW,
    concurrency: 2,
    findGaps,
    events: { emit: (e) => events.push(e) },
  });
  return { manager, document, events, store, saved: (id: string) => document.data.backfills[id] };
}

function started(result: StartBackfillResult) {
  if (result.kind !== 'started') throw new Error(`expected started, got ${JSON.stringify(result)}`);
  return result.handle;
}

describe('createBackfillManager', () => {
  it('runs one backfill per venue: a second start is told which job holds it; another venue runs alongside', async () => {
    const door = createDoor();
    const h = createHarness({ sim: wrapSource(createSimSource(), door.wait).source });
    const first = started(h.manager.start(SIM, { by: 42 }));

    const second = h.manager.start({ ...SIM, symbols: ['ETH/USDT'] });
    expect(second.kind, 'the venue is busy').toBe('busy');
    expect(second.kind === 'busy' && second.running.id, 'naming the running job').toBe(first.job.id);
    const other = started(h.manager.start(ALPACA));
    expect(h.manager.running().map((j) => j.request.venue).sort(), 'both venues at once').toEqual(['alpaca', 'sim']);
    await other.done;
    expect(h.manager.running().map((j) => j.id), 'alpaca finished while sim is still held').toEqual([first.job.id]);

    door.open();
    const report = await first.done;
    expect(report.barsStored, 'the sim job completed').toBe(720);
    expect(h.manager.running(), 'nothing runs').toEqual([]);
    expect(h.manager.start(SIM).kind, 'the venue is free again').toBe('started');
  });

  it('refuses an unknown venue and an empty request, naming the venues', () => {
    const h = createHarness();
    expect(h.manager.start({ ...SIM, venue: 'kraken' }), 'unknown venue').toEqual({ kind: 'invalid', problem: 'no market data for venue "kraken" (venues: sim, alpaca)' });
    expect(h.manager.start({ ...SIM, symbols: [] }).kind, 'no symbols').toBe('invalid');
    expect(h.manager.start({ ...SIM, timeframes: [] }).kind, 'no timeframes').toBe('invalid');
    expect(h.manager.running(), 'nothing started').toEqual([]);
    expect(Object.keys(h.document.data.backfills), 'nothing recorded').toEqual([]);
  });

  it('records the job: running while it runs, then done with the summary; progress and the report go out as events', async () => {
    const door = createDoor();
    const h = createHarness({ sim: wrapSource(createSimSource(), door.wait).source });
    const handle = started(h.manager.start(SIM, { by: 42 }));
    await waitFor(() => h.saved(handle.job.id) !== undefined, 'the job to be recorded');
    expect(h.saved(handle.job.id), 'persisted before any bar (the venue waits at its door), with where each series stood').toMatchObject({
      state: 'running',
      by: 42,
      request: SIM,
      startedAt: NOW.toISOString(),
      storedBefore: { 'BTC/USDT 1h': 0 },
    });

    door.open();
    await handle.done;
    expect(h.saved(handle.job.id), 'done, with the summary').toMatchObject({ state: 'done', summary: '1/1 series ok · 720 bars stored', endedAt: NOW.toISOString() });
    expect(h.saved(handle.job.id)?.storedBefore, 'the starting point is dropped once it cannot resume: the record stays small').toBeUndefined();
    const types = h.events.map((e) => e.type);
    expect(types.at(-1), 'the report comes last').toBe('backfill_finished');
    expect(types.filter((t) => t === 'backfill_progress').length, 'progress per page and per series').toBeGreaterThanOrEqual(2);
    const finished = h.events.at(-1);
    expect(finished?.type === 'backfill_finished' && finished.job, 'the event carries the final record').toMatchObject({ state: 'done' });
    expect(h.manager.finished(handle.job.id)?.job, 'and the manager keeps it for a message attached late').toMatchObject({ state: 'done' });
  });

  it('cancels: the job ends canceled with a summary that says so', async () => {
    const door = createDoor();
    const h = createHarness({ sim: wrapSource(createSimSource(), door.wait).source });
    const handle = started(h.manager.start({ ...SIM, symbols: ['BTC/USDT', 'ETH/USDT'], timeframes: ['5m'] }));
    expect(h.manager.cancel(handle.job.id), 'a running job can be canceled').toBe(true);
    expect(h.manager.cancel('nope'), 'an unknown id cannot').toBe(false);
    door.open();
    const report = await handle.done;
    expect(report.canceled, 'the report says canceled').toBe(true);
    expect(h.saved(handle.job.id), 'recorded as canceled').toMatchObject({ state: 'canceled' });
    expect(h.saved(handle.job.id)?.summary, 'the summary says canceled').toMatch(/^0\/2 series ok, 2 not done · [\d,]+ bars stored · canceled$/);
    expect(h.manager.cancel(handle.job.id), 'a finished job is no longer cancelable').toBe(false);
  });

  it('lists a job a previous instance left running, and starting it again resumes where the store stopped', async () => {
    const document = createMemoryDocument();
    const store = createMemoryBarStore();
    // The first process hangs for good after 3 pages, as if killed.
    const dying = wrapSource(createSimSource(), (page) => (page > 3 ? never() : undefined));
    const before = createHarness({ sim: dying.source, document, store });
    const job = started(before.manager.start({ ...SIM, timeframes: ['5m'] })).job;
    await waitFor(() => dying.pages() > 3, 'the first run to reach its 4th page');
    const storedBefore = await store.count(key('sim', 'BTC/USDT', '5m'));
    expect(storedBefore, 'three pages made it to the store').toBe(3_000);

    const after = createHarness({ sim: wrapSource(createSimSource()).source, document, store });
    const interrupted = after.manager.interrupted();
    expect(interrupted.map((j) => [j.id, j.state]), 'the new instance sees the job left running').toEqual([[job.id, 'running']]);
    const fetching = wrapSource(createSimSource());
    const resumedManager = createHarness({ sim: fetching.source, document, store });
    const resumed = started(resumedManager.manager.start(interrupted[0]!.request, { job: interrupted[0]!, resume: true }));
    expect(resumed.job, 'the same job goes on, counted as resumed').toMatchObject({ id: job.id, resumes: 1 });
    expect(resumedManager.manager.interrupted(), 'a resumed job is no longer listed').toEqual([]);
    const report = await resumed.done;
    expect(fetching.requests.map((r) => r.from), 'only the rest was fetched: from after the last stored bar').toEqual([NOW.getTime() - 30 * 86_400_000 + 3_000 * 300_000]);
    // Regression, fixed: the report counted only the last run ("759 bars stored" after 8 restarts that stored 58,056).
    expect(report.barsStored, 'the report counts the bars of both runs: it is one job').toBe(8_640);
    expect(report.series[0]?.stored, 'and so does the series').toBe(8_640);
    expect(await store.count(key('sim', 'BTC/USDT', '5m')), 'every bar once').toBe(8_640);
    expect(after.saved(job.id), 'and it is done').toMatchObject({ state: 'done', resumes: 1, summary: '1/1 series ok · 8,640 bars stored' });
    expect(after.manager.interrupted(), 'nothing left to resume').toEqual([]);
  });

  // Regression, fixed (src/engine/backfill/backfill-manager.ts): `await deps.jobs.save(job)` runs before the
  // try/finally, so when recording the job fails the venue is never released and every later
  // backfill on it answers "busy" until a restart.
  it('frees the venue when recording the job fails', async () => {
    const document = createMemoryDocument();
    const real = createBackfillJobsRepository({ document });
    let failures = 1;
    const jobs: BackfillJobStore = {
      list: real.list,
      save: async (job) => {
        if (failures-- > 0) throw new Error('EACCES: permission denied');
        await real.save(job);
      },
    };
    const h = createHarness({ document, jobs });
    await expect(started(h.manager.start(SIM)).done, 'the failure is reported').rejects.toThrow('EACCES');
    expect(h.manager.running(), 'nothing runs any more').toEqual([]);
    expect(h.manager.start(SIM).kind, 'so the venue takes a new backfill').toBe('started');
  });
});
