import { describe, expect, it, vi } from 'vitest';
import { backfillTopupJob } from '../../schedules/backfill-topup.js';
import { checkOrdersJob } from '../../schedules/check-orders.js';
import { dailyHealthSummaryJob } from '../../schedules/daily-health-summary.js';
import { dailyReportJob } from '../../schedules/daily-report.js';
import { expireProposalsJob } from '../../schedules/expire-proposals.js';
import { healthCheckJob } from '../../schedules/health-check.js';
import { heartbeatJob } from '../../schedules/heartbeat.js';
import { JOBS } from '../../schedules/index.js';
import type { JobEngine } from '../../src/jobs/job-deps.js';
import { JOB_NAMES } from '../../src/jobs/job-names.js';
import { outcomesUpdateJob } from '../../schedules/outcomes-update.js';
import { researchJob } from '../../schedules/research.js';
import { scanJob } from '../../schedules/scan.js';
import { weeklyReportJob } from '../../schedules/weekly-report.js';
import { createHealthCache } from '../../src/engine/health/create-health-cache.js';
import { createJobTracker } from '../../src/jobs/create-job-tracker.js';
import { createHeartbeat } from '../../src/jobs/create-heartbeat.js';
import { checkCronRule } from '../../src/jobs/check-cron-rule.js';
import { isTimeZone } from '../../src/jobs/parse-job-overrides.js';
import { createTestClock, createTestEngine } from '../helpers/test-engine.js';
import { createJobDeps, createJobEngineFake, createRecordingAlerts } from '../jobs/job-test-helpers.js';
import { healthReport } from '../engine/health/health-fixtures.js';

describe('the job list', () => {
  it('JOB_NAMES (what the config checks overrides against) matches JOBS', () => {
    expect(JOBS.map((j) => j.name)).toEqual([...JOB_NAMES]);
  });

  it('every rule and time zone is valid, every interval set, and only research is off', () => {
    for (const job of JOBS) {
      expect(checkCronRule(job.rule), job.name).toBeUndefined();
      expect(isTimeZone(job.tz), job.name).toBe(true);
      expect(job.expectedIntervalMs, job.name).toBeGreaterThan(0);
    }
    expect(JOBS.filter((j) => j.enabled === false).map((j) => j.name)).toEqual(['research']);
  });
});

describe('engine jobs on a real engine', () => {
  it('expire_proposals, check_orders, scan and backfill_topup summarize what they did', async () => {
    const { engine } = createTestEngine();
    const deps = createJobDeps({ engine });
    expect(await expireProposalsJob.run(deps)).toBe('expired 0');
    expect(await checkOrdersJob.run(deps)).toBe('checked 0, changed 0, resumed 0, lapsed 0');
    expect(await backfillTopupJob.run(deps)).toMatch(/^1 backfill, [\d,]+ bars stored$/);
    expect(await scanJob.run(deps)).toMatch(/^topped up \d+ bars; 1 account, \d+ series \(\d+ stale\), \d+ signals?: \d+ proposed \+ \d+ blocked \+ \d+ skipped$/);
  });
});

describe('scan', () => {
  it('tops up the last day first, and still scans when the top-up fails', async () => {
    const topUp = vi.fn<JobEngine['market']['topUpWatchlists']>(() => Promise.reject(new Error('venue down')));
    const scan = vi.fn<JobEngine['market']['scan']>(async () => []);
    const result = await scanJob.run(createJobDeps({ engine: createJobEngineFake({ topUp, scan }) }));
    expect(topUp).toHaveBeenCalledWith(1);
    expect(scan, 'all accounts: the freshness rule skips closed markets').toHaveBeenCalledWith();
    expect(result).toBe('top-up failed (venue down); 0 accounts, 0 series (0 stale), 0 signals: 0 proposed + 0 blocked + 0 skipped');
  });
});

describe('calendar jobs', () => {
  const at = (iso: string) => createTestClock(iso).now;

  it('outcomes_update calls the outcomes port on trading days only', async () => {
    const update = vi.fn(async () => 'marked 4 trades');
    expect(await outcomesUpdateJob.run(createJobDeps({ clock: at('2026-11-20T22:00:00Z'), outcomes: { update } })), 'a Friday').toBe('marked 4 trades');
    expect(await outcomesUpdateJob.run(createJobDeps({ clock: at('2026-11-26T22:00:00Z'), outcomes: { update } })), 'Thanksgiving').toBe('not an NYSE trading day');
    expect(update, 'not on the holiday').toHaveBeenCalledTimes(1);
  });

  it('daily_report on trading days; weekly_report on Fridays whatever the calendar', async () => {
    const reports = { daily: vi.fn(async () => 'daily sent'), weekly: vi.fn(async () => 'weekly sent') };
    expect(await dailyReportJob.run(createJobDeps({ clock: at('2026-11-20T21:30:00Z'), reports })), 'a Friday').toBe('daily sent');
    expect(await dailyReportJob.run(createJobDeps({ clock: at('2026-12-25T21:30:00Z'), reports })), 'Christmas').toBe('not an NYSE trading day');
    expect(await weeklyReportJob.run(createJobDeps({ clock: at('2026-12-25T22:30:00Z'), reports })), 'a Friday holiday still ends the week').toBe('weekly sent');
  });

  it('research is off and says in plain words how to turn it on', async () => {
    expect(researchJob.enabled).toBe(false);
    expect(await researchJob.run(createJobDeps()), 'a run by hand does nothing and says why').toBe('Research is not in this version yet: trade ideas come from /scan (the strategies) and /propose.');
  });
});

describe('health jobs', () => {
  it('daily_health_summary raises one INFO alert with the summary and the heartbeat line', async () => {
    const alerts = createRecordingAlerts();
    const result = await dailyHealthSummaryJob.run(createJobDeps({ alerts, clock: createTestClock('2026-11-20T22:00:00Z').now, health: async () => healthReport() }));
    expect(result).toBe('sent; 0 critical conditions');
    expect(alerts.raised).toHaveLength(1);
    const alert = alerts.raised[0];
    expect(alert).toMatchObject({ severity: 'INFO', type: 'daily_health_summary', dedupeKey: 'daily_health_summary:2026-11-20' });
    expect(alert?.body).toContain('Heartbeat: last ping 2026-11-20 11:55 UTC (HTTP 200)');
    expect(alert?.body).toContain('Critical conditions: none');
  });

  it('heartbeat pings after a clean self-check, withholds on a critical condition, and is quiet without a URL', async () => {
    const fetch = vi.fn<typeof globalThis.fetch>(async () => new Response('OK'));
    const heartbeat = createHeartbeat({ url: 'https://hc.example/key', fetch });
    expect(await heartbeatJob.run(createJobDeps({ heartbeat, health: async () => healthReport() })), 'a clean self-check').toBe('pinged (HTTP 200)');
    const broken = healthReport({ dependencies: [{ name: 'alpaca', state: 'open' }] });
    expect(await heartbeatJob.run(createJobDeps({ heartbeat, health: async () => broken })), 'a critical condition').toBe('not pinged: self-check found breaker_open');
    expect(fetch, 'no ping while critical').toHaveBeenCalledTimes(1);
    expect(heartbeat.status().lastProblem).toBe('self-check found breaker_open');
    expect(await heartbeatJob.run(createJobDeps({ heartbeat: createHeartbeat({ url: undefined }) })), 'no URL').toBe('HEARTBEAT_URL is not set: nothing to ping');
    fetch.mockResolvedValueOnce(new Response('', { status: 500 }));
    await expect(heartbeatJob.run(createJobDeps({ heartbeat })), 'a failed ping fails the run (tracked, alerted)').rejects.toThrow('heartbeat answered HTTP 500');
  });

  it('health_check raises stale-job alerts through the tracker', async () => {
    const clock = createTestClock('2026-11-20T12:00:00Z');
    const alerts = createRecordingAlerts();
    const tracker = createJobTracker({ clock: clock.now, alerts });
    tracker.register('check_orders', { expectedIntervalMs: 60_000 });
    const deps = createJobDeps({ tracker, clock: clock.now });
    expect(await healthCheckJob.run(deps), 'fresh at first').toBe('no stale jobs; no critical conditions');
    clock.advance(4 * 60_000);
    expect(await healthCheckJob.run(deps), 'no success for 3 intervals').toBe('stale: check_orders (WARNING); no critical conditions');
    expect(alerts.raised.map((a) => [a.type, a.severity])).toEqual([['job_stale', 'WARNING']]);
  });

  it('health_check refreshes the health cache /healthz reads, and names what is critical', async () => {
    const cache = createHealthCache(async () => healthReport({ dependencies: [{ name: 'alpaca', state: 'open' }] }));
    expect(cache.last(), 'nothing before the first refresh').toBeUndefined();
    const result = await healthCheckJob.run(createJobDeps({ health: cache.refresh }));
    expect(result).toBe('no stale jobs; critical: breaker_open');
    expect(cache.last()?.critical.map((c) => c.rule)).toEqual(['breaker_open']);
    expect(cache.last()?.report.generatedAt.toISOString()).toBe('2026-11-20T12:00:00.000Z');
  });
});
