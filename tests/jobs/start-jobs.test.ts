import { afterEach, describe, expect, it, vi } from 'vitest';
import { createJobTracker } from '../../src/jobs/create-job-tracker.js';
import type { ScheduledJob } from '../../src/jobs/scheduled-job.js';
import { createJobScheduler, startJobs, type JobScheduler } from '../../src/jobs/start-jobs.js';
import { ConfigError } from '../../src/errors.js';
import { createGate, createRecordingAlerts, createTestLogger } from './job-test-helpers.js';

let scheduler: JobScheduler | undefined;

afterEach(async () => {
  await scheduler?.stop();
  scheduler = undefined;
  vi.useRealTimers();
});

function job(name: string, run: () => Promise<unknown>, extra: Partial<ScheduledJob<unknown>> = {}): ScheduledJob<unknown> {
  return { name, rule: '*/10 * * * * *', tz: 'UTC', description: `${name} job`, expectedIntervalMs: 10_000, run, ...extra };
}

async function start(jobs: ScheduledJob<unknown>[], options: Parameters<typeof startJobs>[3] = {}) {
  const { logger, lines } = createTestLogger();
  scheduler = await startJobs(jobs, {}, logger, options);
  return { scheduler, lines };
}

describe('startJobs', () => {
  it('runs each job on its rule and lists the next run from node-schedule', async () => {
    vi.useFakeTimers({ now: new Date('2026-11-20T12:00:01Z') });
    let runs = 0;
    const { scheduler: s } = await start([job('tick', async () => `run ${++runs}`)]);
    expect(s.list()[0]?.nextRunAt?.toISOString()).toBe('2026-11-20T12:00:10.000Z');
    await vi.advanceTimersByTimeAsync(30_000);
    expect(runs, '12:00:10, :20 and :30').toBe(3);
    const listed = s.list()[0];
    expect(listed).toMatchObject({ name: 'tick', enabled: true, rule: '*/10 * * * * *', tz: 'UTC', consecutiveFailures: 0 });
    expect(listed?.lastRun).toMatchObject({ outcome: 'ok', details: 'run 3' });
    expect(listed?.nextRunAt?.toISOString()).toBe('2026-11-20T12:00:40.000Z');
  });

  it('never overlaps a job with itself: a run due while one is going is skipped and recorded', async () => {
    vi.useFakeTimers({ now: new Date('2026-11-20T12:00:01Z') });
    const gate = createGate();
    let started = 0;
    const { scheduler: s, lines } = await start([
      job('slow', async () => {
        started++;
        await gate.opened;
      }),
    ]);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(started, 'only the first of three due runs started').toBe(1);
    expect(s.tracker.get('slow')?.runs.map((r) => r.outcome)).toEqual(['skipped_overlap', 'skipped_overlap']);
    expect(lines.filter((l) => l.msg === 'previous run still going; this one skipped')).toHaveLength(2);
    gate.open();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(started, 'runs again once the slow one ended').toBe(2);
  });

  it('catches failures, tracks them and alerts WARNING then HIGH', async () => {
    vi.useFakeTimers({ now: new Date('2026-11-20T12:00:01Z') });
    const alerts = createRecordingAlerts();
    const { logger } = createTestLogger();
    const tracker = createJobTracker({ alerts, logger });
    const { scheduler: s } = await start([job('broken', () => Promise.reject(new TypeError('no venue')))], { tracker });
    await vi.advanceTimersByTimeAsync(40_000);
    expect(s.list()[0]).toMatchObject({ consecutiveFailures: 4, lastError: { error: { name: 'TypeError', message: 'no venue' } } });
    expect(alerts.raised.map((a) => a.severity)).toEqual(['WARNING', 'HIGH']);
  });

  it('runNow starts a run at once, refuses a second while it runs, and names the jobs for an unknown one', async () => {
    const gate = createGate();
    const { scheduler: s } = await start([job('scan', async () => gate.opened.then(() => 'scanned')), job('other', async () => 'x')]);
    const started = s.runNow('scan');
    expect(started.kind).toBe('started');
    const again = s.runNow('scan');
    expect(again).toMatchObject({ kind: 'running', trigger: 'manual' });
    expect(s.list()[0]?.running, '/jobs shows it running').toBeDefined();
    expect(s.runNow('nope')).toEqual({ kind: 'unknown', names: ['scan', 'other'] });
    gate.open();
    if (started.kind !== 'started') throw new Error('unreachable');
    expect(await started.done).toMatchObject({ outcome: 'ok', trigger: 'manual', details: 'scanned' });
  });

  it('stop() cancels future runs and waits for the one in progress', async () => {
    vi.useFakeTimers({ now: new Date('2026-11-20T12:00:01Z') });
    const gate = createGate();
    let finished = false;
    let runs = 0;
    const { scheduler: s } = await start([
      job('slow', async () => {
        runs++;
        await gate.opened;
        finished = true;
      }),
    ]);
    await vi.advanceTimersByTimeAsync(10_000);
    let stopped = false;
    const stopping = s.stop().then(() => (stopped = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(stopped, 'still waiting for the running job').toBe(false);
    expect(s.runNow('slow').kind, 'nothing new starts while stopping').toBe('stopped');
    gate.open();
    await stopping;
    expect(finished).toBe(true);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(runs, 'no run after stop').toBe(1);
    scheduler = undefined;
  });

  it('applies overrides: rule, time zone and on/off; a disabled job is listed, not scheduled, and /run can still run it', async () => {
    vi.useFakeTimers({ now: new Date('2026-11-20T12:00:01Z') });
    let ran = 0;
    const overrides = new Map([
      ['tick', { rule: '0 9 * * *', tz: 'Europe/Berlin' }],
      ['off', { enabled: false }],
      ['on', { enabled: true }],
    ]);
    const { scheduler: s } = await start([job('tick', async () => ran++), job('off', async () => ran++), job('on', async () => 'on', { enabled: false })], { overrides });
    const [tick, off, on] = s.list();
    expect(tick).toMatchObject({ rule: '0 9 * * *', tz: 'Europe/Berlin' });
    expect(tick?.nextRunAt?.toISOString(), '09:00 in Berlin is 08:00Z in winter').toBe('2026-11-21T08:00:00.000Z');
    expect(off).toMatchObject({ enabled: false, nextRunAt: undefined, stale: undefined });
    expect(on?.enabled).toBe(true);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(ran).toBe(0);
    const manual = s.runNow('off');
    expect(manual.kind).toBe('started');
  });

  it('refuses bad overrides and rules before scheduling anything, with every problem', () => {
    const bad = () => createJobScheduler([job('tick', async () => 1, { rule: '61 * * * *' }), job('tock', async () => 1)], {}, createTestLogger().logger, { overrides: new Map([['tock', { tz: 'Mars/Base' }], ['ghost', { enabled: true }]]) });
    expect(bad).toThrow(ConfigError);
    try {
      bad();
    } catch (error) {
      expect((error as ConfigError).problems).toEqual([
        'JOB_SCHEDULES: there is no job "ghost"; jobs are tick, tock',
        'job tick: the rule "61 * * * *" minute "61": 61 is outside 0-59',
        'job tock: "Mars/Base" is not an IANA time zone',
      ]);
    }
  });

  it('createJobScheduler schedules nothing until start(), yet /run works before', async () => {
    vi.useFakeTimers({ now: new Date('2026-11-20T12:00:01Z') });
    let runs = 0;
    const s = createJobScheduler([job('tick', async () => ++runs)], {}, createTestLogger().logger);
    scheduler = s;
    await vi.advanceTimersByTimeAsync(30_000);
    expect(runs, 'not started').toBe(0);
    expect(s.list()[0]?.nextRunAt).toBeUndefined();
    const manual = s.runNow('tick');
    if (manual.kind !== 'started') throw new Error(`expected started, got ${manual.kind}`);
    await manual.done;
    await Promise.all([s.start(), s.start()]);
    expect(s.list()[0]?.nextRunAt?.toISOString()).toBe('2026-11-20T12:00:40.000Z');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(runs, 'the manual run, then one on the timer (start twice schedules once)').toBe(2);
  });

  it('health() lists the jobs and the long tasks tracked beside them', async () => {
    const { scheduler: s } = await start([job('tick', async () => 1)]);
    await s.tracker.run('backfill 7', 'task', async () => 'done');
    expect(s.health().map((h) => [h.name, h.lastRun?.outcome])).toEqual([
      ['tick', undefined],
      ['backfill 7', 'ok'],
    ]);
  });
});
