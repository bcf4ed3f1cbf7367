import { describe, expect, it } from 'vitest';
import { createJobTracker } from '../../src/jobs/create-job-tracker.js';
import { createTestClock } from '../helpers/test-engine.js';
import { createGate, createRecordingAlerts } from './job-test-helpers.js';

const MINUTE = 60_000;

function setup(options: { historySize?: number } = {}) {
  const clock = createTestClock('2026-11-20T12:00:00Z');
  const alerts = createRecordingAlerts();
  const tracker = createJobTracker({ clock: clock.now, alerts, ...options });
  return { clock, alerts, tracker };
}

const fail = (message: string) => async () => {
  throw new Error(message);
};

describe('createJobTracker: runs', () => {
  it('records start, end, duration, outcome and a short summary of what the job returned', async () => {
    const { clock, tracker } = setup();
    const run = await tracker.run('scan', 'schedule', async () => {
      clock.advance(1_250);
      return { proposed: 2 };
    });
    expect(run).toMatchObject({ job: 'scan', trigger: 'schedule', outcome: 'ok', durationMs: 1_250, details: '{"proposed":2}' });
    expect(run.startedAt.toISOString()).toBe('2026-11-20T12:00:00.000Z');
    expect(run.endedAt.toISOString()).toBe('2026-11-20T12:00:01.250Z');
    expect(tracker.get('scan')?.lastSuccessAt?.toISOString(), 'a success is known when it ends').toBe('2026-11-20T12:00:01.250Z');
    const long = await tracker.run('scan', 'manual', async () => 'x'.repeat(500));
    expect(long.details?.length, 'details stay short').toBeLessThanOrEqual(160);
    expect((await tracker.run('scan', 'manual', async () => [1, 2, 3])).details).toBe('3 items');
  });

  it('keeps the last N runs, newest first', async () => {
    const { tracker } = setup({ historySize: 3 });
    for (let i = 0; i < 5; i++) await tracker.run('tick', 'schedule', async () => `run ${i}`);
    expect(tracker.get('tick')?.runs.map((r) => r.details)).toEqual(['run 4', 'run 3', 'run 2']);
  });

  it('never overlaps a job with itself: the second run is recorded as skipped_overlap and not started', async () => {
    const { tracker } = setup();
    const gate = createGate();
    let started = 0;
    const first = tracker.run('slow', 'schedule', async () => {
      started++;
      await gate.opened;
    });
    expect(tracker.get('slow')?.running, 'the tracker knows it is running').toBeDefined();
    const second = await tracker.run('slow', 'manual', async () => started++);
    expect(second.outcome).toBe('skipped_overlap');
    expect(started, 'the overlapping run never started').toBe(1);
    gate.open();
    expect((await first).outcome).toBe('ok');
    expect(tracker.get('slow')?.running).toBeUndefined();
    expect(tracker.get('slow')?.runs.map((r) => r.outcome)).toEqual(['ok', 'skipped_overlap']);
  });

  it('catches a failure: never throws, keeps the last error scrubbed of URLs and tokens', async () => {
    const { tracker } = setup();
    const run = await tracker.run('heartbeat', 'schedule', fail('GET https://hc-ping.com/secret-uuid failed; token 123456789:AAHn5xTestTokenTestTokenTestToken0'));
    expect(run.outcome).toBe('failed');
    expect(run.error?.message, 'no URL and no token reach the chat').toBe('GET <url> failed; token <token>');
    expect(tracker.get('heartbeat')?.lastError?.error.name).toBe('Error');
    expect(tracker.get('heartbeat')?.consecutiveFailures).toBe(1);
  });
});

describe('createJobTracker: failure alerts', () => {
  it('WARNING on the first failure, HIGH on the third in a row, nothing in between or after; INFO on recovery', async () => {
    const { tracker, alerts } = setup();
    for (let i = 0; i < 5; i++) await tracker.run('check_orders', 'schedule', fail(`boom ${i}`));
    expect(alerts.raised.map((a) => [a.severity, a.type, a.dedupeKey])).toEqual([
      ['WARNING', 'job_failed', 'job_failed:check_orders:WARNING'],
      ['HIGH', 'job_failed', 'job_failed:check_orders:HIGH'],
    ]);
    expect(alerts.raised[1]?.title).toBe('Job check_orders failed 3 times in a row');
    expect(alerts.raised[1]?.body, 'the error is in the body').toContain('Error: boom 2');
    await tracker.run('check_orders', 'schedule', async () => 'ok');
    expect(alerts.raised[2]).toMatchObject({ severity: 'INFO', type: 'job_recovered', body: 'After 5 failed runs.' });
    expect(tracker.get('check_orders')?.consecutiveFailures).toBe(0);
  });

  it('starts counting again after a success', async () => {
    const { tracker, alerts } = setup();
    await tracker.run('j', 'schedule', fail('a'));
    await tracker.run('j', 'schedule', fail('b'));
    await tracker.run('j', 'schedule', async () => undefined);
    await tracker.run('j', 'schedule', fail('c'));
    await tracker.run('j', 'schedule', fail('d'));
    expect(alerts.raised.map((a) => a.severity), 'two in a row twice is never HIGH').toEqual(['WARNING', 'INFO', 'WARNING']);
  });

  it('a failing alert sink does not break the job run', async () => {
    const clock = createTestClock();
    const errors: unknown[] = [];
    const tracker = createJobTracker({ clock: clock.now, alerts: { raise: () => Promise.reject(new Error('outbox full')) }, logger: { error: (o: unknown) => errors.push(o) } as never });
    expect((await tracker.run('j', 'schedule', fail('x'))).outcome).toBe('failed');
    expect(errors.length, 'the job failure and the alert failure are logged').toBe(2);
  });
});

describe('createJobTracker: staleness', () => {
  it('WARNING after 3× the interval without success, HIGH after 6×, each alerted once', async () => {
    const { clock, tracker, alerts } = setup();
    tracker.register('scan', { expectedIntervalMs: 15 * MINUTE });
    await tracker.run('scan', 'schedule', async () => 'ok');
    clock.advance(45 * MINUTE);
    expect(tracker.isStale('scan', clock.now()), 'exactly 3× is not yet stale').toBeUndefined();
    clock.advance(1);
    expect(tracker.isStale('scan', clock.now())).toBe('WARNING');
    expect(await tracker.checkStale(clock.now())).toEqual([{ name: 'scan', level: 'WARNING' }]);
    await tracker.checkStale(clock.now());
    clock.advance(10 * MINUTE);
    await tracker.checkStale(clock.now());
    expect(alerts.raised.map((a) => [a.severity, a.dedupeKey]), 'checked every minute, alerted once').toEqual([['WARNING', 'job_stale:scan:WARNING']]);
    expect(alerts.raised[0]?.title).toBe('Job scan has not succeeded for 45m');
    clock.advance(40 * MINUTE);
    await tracker.checkStale(clock.now());
    await tracker.checkStale(clock.now());
    expect(alerts.raised.map((a) => a.severity)).toEqual(['WARNING', 'HIGH']);
    expect(alerts.raised[1]?.body).toContain('Last success 2026-11-20 12:00 UTC.');
    await tracker.run('scan', 'schedule', async () => 'ok');
    expect(alerts.raised[2]).toMatchObject({ severity: 'INFO', type: 'job_recovered' });
    expect(await tracker.checkStale(clock.now()), 'fresh again').toEqual([]);
  });

  it('a job that never ran is stale counted from its registration, with its last error in the alert', async () => {
    const { clock, tracker, alerts } = setup();
    tracker.register('check_orders', { expectedIntervalMs: MINUTE });
    await tracker.run('check_orders', 'schedule', fail('venue down'));
    clock.advance(3 * MINUTE + 1);
    await tracker.checkStale(clock.now());
    const stale = alerts.raised.find((a) => a.type === 'job_stale');
    expect(stale?.body).toContain('No success since the bot started at 2026-11-20 12:00 UTC.');
    expect(stale?.body).toContain('Error: venue down');
  });

  it('a job without an interval (disabled, one-off task) is never stale', async () => {
    const { clock, tracker } = setup();
    tracker.register('research');
    await tracker.run('backfill 42', 'task', async () => 'done');
    clock.advance(365 * 24 * 60 * MINUTE);
    expect(await tracker.checkStale(clock.now())).toEqual([]);
  });
});
