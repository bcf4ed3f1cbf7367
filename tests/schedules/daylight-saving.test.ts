import { afterEach, describe, expect, it, vi } from 'vitest';
import { dailyHealthSummaryJob } from '../../schedules/daily-health-summary.js';
import { outcomesUpdateJob } from '../../schedules/outcomes-update.js';
import { startJobs, type JobScheduler } from '../../src/jobs/start-jobs.js';
import { createJobDeps, createRecordingAlerts, createTestLogger } from '../jobs/job-test-helpers.js';

const HOUR = 3_600_000;
/** To the second: node-schedule's timer lands a millisecond or so after the due time. */
const toSecond = (date: Date) => `${date.toISOString().slice(0, 19)}Z`;
let scheduler: JobScheduler | undefined;

afterEach(async () => {
  await scheduler?.stop();
  scheduler = undefined;
  vi.useRealTimers();
});

/** Starts the real jobs at `start` under fake timers and returns when each one ran (UTC). */
async function startAt(start: string) {
  vi.useFakeTimers({ now: new Date(start) });
  const firedOutcomes: string[] = [];
  const alerts = createRecordingAlerts();
  const deps = createJobDeps({
    alerts,
    outcomes: {
      update: async () => {
        firedOutcomes.push(toSecond(new Date()));
        return 'updated';
      },
    },
  });
  scheduler = await startJobs([outcomesUpdateJob, dailyHealthSummaryJob], deps, createTestLogger().logger);
  const summaryRuns = () =>
    (scheduler?.tracker.get('daily_health_summary')?.runs ?? []).map((r) => toSecond(r.startedAt)).reverse();
  return { firedOutcomes, summaryRuns, scheduler };
}

describe('17:00 America/New_York across daylight-saving changes', () => {
  it('November 2026 (clocks back on Sunday Nov 1): 21:00Z before, 22:00Z after', async () => {
    const { firedOutcomes, summaryRuns, scheduler: s } = await startAt('2026-10-30T12:00:00Z');
    expect(s.list().find((j) => j.name === 'outcomes_update')?.nextRunAt?.toISOString(), 'next run while EDT').toBe('2026-10-30T21:00:00.000Z');
    await vi.advanceTimersByTimeAsync(4 * 24 * HOUR);
    // Weekdays only: Fri Oct 30 (EDT, UTC-4) and Mon Nov 2 (EST, UTC-5).
    expect(firedOutcomes, 'outcomes follow New York’s clock, not UTC').toEqual(['2026-10-30T21:00:00Z', '2026-11-02T22:00:00Z']);
    expect(summaryRuns(), 'every day, the change falling on Sunday').toEqual([
      '2026-10-30T21:00:00Z',
      '2026-10-31T21:00:00Z',
      '2026-11-01T22:00:00Z',
      '2026-11-02T22:00:00Z',
    ]);
  });

  it('March 2026 (clocks forward on Sunday Mar 8): 22:00Z before, 21:00Z after', async () => {
    const { firedOutcomes, summaryRuns } = await startAt('2026-03-06T12:00:00Z');
    await vi.advanceTimersByTimeAsync(4 * 24 * HOUR);
    expect(firedOutcomes).toEqual(['2026-03-06T22:00:00Z', '2026-03-09T21:00:00Z']);
    expect(summaryRuns()).toEqual(['2026-03-06T22:00:00Z', '2026-03-07T22:00:00Z', '2026-03-08T21:00:00Z', '2026-03-09T21:00:00Z']);
  });

  it('skips NYSE holidays without failing: Thanksgiving 2026 (Thu Nov 26) runs but does nothing', async () => {
    const { firedOutcomes, scheduler: s } = await startAt('2026-11-25T12:00:00Z');
    await vi.advanceTimersByTimeAsync(2 * 24 * HOUR);
    expect(firedOutcomes, 'Wednesday only').toEqual(['2026-11-25T22:00:00Z']);
    expect(s.tracker.get('outcomes_update')?.runs[0]).toMatchObject({ outcome: 'ok', details: 'not an NYSE trading day' });
  });
});
