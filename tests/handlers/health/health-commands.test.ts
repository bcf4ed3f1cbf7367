import { afterEach, describe, expect, it, vi } from 'vitest';
import type { JobDeps } from '../../../src/jobs/job-deps.js';
import { collectHealth } from '../../../src/engine/health/collect-health.js';
import type { ScheduledJob } from '../../../src/jobs/scheduled-job.js';
import type { JobScheduler } from '../../../src/jobs/start-jobs.js';
import { sentTexts } from '../../helpers/record-api.js';
import { OWNER, VIEWER } from '../../helpers/test-bot.js';
import { textUpdate } from '../../helpers/updates.js';
import { at, healthReport, jobHealth } from '../../engine/health/health-fixtures.js';
import { createGate } from '../../jobs/job-test-helpers.js';
import { createHealthBot, type HealthBotOptions } from './health-bot.js';

let scheduler: JobScheduler | undefined;

afterEach(async () => {
  await scheduler?.stop();
  scheduler = undefined;
  vi.useRealTimers();
});

function setup(options: HealthBotOptions = {}) {
  const harness = createHealthBot(options);
  scheduler = harness.jobs;
  const send = async (text: string, from = OWNER) => {
    await harness.bot.handleUpdate(textUpdate(from, text));
    return sentTexts(harness.calls);
  };
  return { ...harness, send };
}

describe('/jobs', () => {
  it('lists every job with its rule, next run in the user’s zone and in New York, and the last run', async () => {
    vi.useFakeTimers({ now: new Date('2026-11-20T12:00:01Z'), toFake: ['Date'] });
    const { send, jobs } = setup({ displayTimezone: 'Europe/Berlin' });
    await jobs.tracker.run('check_orders', 'schedule', async () => 'checked 3, changed 1, resumed 0, lapsed 0');
    const [text = ''] = await send('/jobs', VIEWER);
    expect(text).toContain('📄 <b>PAPER</b> · <b>Jobs</b> (Europe/Berlin · New York)');
    expect(text).toContain('<b>scan</b> <code>30 */15 * * * *</code> UTC\n  next: Fri, Nov 20, 13:00 GMT+1 · Fri, Nov 20, 07:00 EST\n  last: not run since start');
    expect(text, 'New York jobs show the New York time').toContain('<b>daily_report</b> <code>30 16 * * 1-5</code> America/New_York\n  next: Fri, Nov 20, 22:30 GMT+1 · Fri, Nov 20, 16:30 EST');
    expect(text).toContain('<b>check_orders</b> <code>30 * * * * *</code> UTC\n  next: Fri, Nov 20, 13:00 GMT+1 · Fri, Nov 20, 07:00 EST\n  last: ok in 0 ms, Fri, Nov 20, 13:00 GMT+1 — checked 3, changed 1, resumed 0, lapsed 0');
    expect(text).toContain('<b>research</b> <code>0 8 * * 1-5</code> America/New_York — disabled');
    expect(text.length, 'fits one Telegram message').toBeLessThan(4096);
  });

  it('shows a failing job and its error, escaped', async () => {
    const failing: ScheduledJob<JobDeps> = { name: 'fragile', rule: '0 0 1 1 *', tz: 'UTC', description: 'd', expectedIntervalMs: 60_000, run: () => Promise.reject(new Error('bad <tag> & co')) };
    const { send, jobs } = setup({ jobs: [failing] });
    for (let i = 0; i < 2; i++) await jobs.tracker.run('fragile', 'schedule', () => failing.run({} as JobDeps));
    const [text = ''] = await send('/jobs');
    expect(text).toMatch(/last: failed after \d+ ms, .* — bad &lt;tag&gt; &amp; co/);
    expect(text).toContain('⚠️ failed 2× in a row');
  });
});

describe('/run', () => {
  function slowJob() {
    const gate = createGate();
    let runs = 0;
    const job: ScheduledJob<JobDeps> = {
      name: 'slow',
      rule: '0 0 1 1 *',
      tz: 'UTC',
      description: 'waits for the test',
      expectedIntervalMs: 60_000,
      run: async () => {
        runs++;
        await gate.opened;
        return 'slow work done';
      },
    };
    return { job, gate, runs: () => runs };
  }

  it('answers “running…” at once, then the result; a second /run while it runs is refused', async () => {
    const slow = slowJob();
    const { send, settle } = setup({ jobs: [slow.job] });
    expect(await send('/run slow')).toEqual(['Running slow…']);
    const texts = await send('/run slow');
    expect(texts[1]).toMatch(/^slow is already running \(since .*, manual\); not started again\.$/);
    expect(slow.runs(), 'no overlap').toBe(1);
    slow.gate.open();
    await settle();
    const all = await send('/jobs');
    expect(all[2]).toMatch(/^<b>slow<\/b>: ok in \d+ ms \(started .* UTC\)\nslow work done$/);
  });

  it('reports a failure with the error', async () => {
    const job: ScheduledJob<JobDeps> = { name: 'broken', rule: '0 0 1 1 *', tz: 'UTC', description: 'd', expectedIntervalMs: 60_000, run: () => Promise.reject(new TypeError('no route')) };
    const { send, settle, calls } = setup({ jobs: [job] });
    await send('/run broken');
    await settle();
    expect(sentTexts(calls)[1]).toMatch(/^<b>broken<\/b>: failed after \d+ ms \(started .*\)\nTypeError: no route$/);
  });

  it('an unknown or missing job name gets the list of names', async () => {
    const { send } = setup();
    const [unknown = '', missing = ''] = [...(await send('/run nope')), ...(await send('/run')).slice(1)];
    expect(unknown).toMatch(/^Unknown job "nope"\. Jobs: expire_proposals, check_orders, scan, backfill_topup, .*research\.$/);
    expect(missing).toMatch(/^Name the job, e\.g\. \/run scan\. Jobs: expire_proposals, /);
  });

  it('needs the owner role', async () => {
    const slow = slowJob();
    const { send } = setup({ jobs: [slow.job] });
    expect(await send('/run slow', VIEWER)).toEqual(['/run needs the owner role; you are viewer.']);
    expect(slow.runs()).toBe(0);
  });
});

describe('/health', () => {
  it('renders every measured value with its time, and the critical conditions', async () => {
    const report = healthReport({
      jobs: [jobHealth({ name: 'check_orders', consecutiveFailures: 3, stale: 'HIGH', lastRun: { startedAt: at('2026-11-20T11:59:30Z'), endedAt: at('2026-11-20T11:59:30.3Z'), durationMs: 300, outcome: 'failed' }, lastError: { at: at('2026-11-20T11:59:30.3Z'), error: { name: 'VenueUnavailableError', message: 'HTTP 503 <html>' } } }), jobHealth({ name: 'research', enabled: false })],
      dependencies: [{ name: 'alpaca', state: 'open', lastFailureAt: at('2026-11-20T11:58:00Z'), lastError: { name: 'VenueUnavailableError', message: 'HTTP 503' } }, { name: 'alpaca data', state: 'closed' }],
    });
    const { send } = setup({ health: async () => report });
    const [text = ''] = await send('/health', VIEWER);
    const lines = text.split('\n');
    expect(lines[0]).toBe('📄 <b>PAPER</b> · <b>Health</b> at Fri, Nov 20, 12:00 UTC');
    expect(lines).toContain('🚨 Critical conditions (/healthz answers 503):');
    expect(lines).toContain('  breaker_open: alpaca: breaker open');
    expect(lines).toContain('  job_stale_high: check_orders: no successful run for too long');
    expect(lines).toContain(
      '  check_orders: failed after 300 ms Fri, Nov 20, 11:59 UTC; last success Fri, Nov 20, 11:59 UTC; 3 failures in a row; VenueUnavailableError: HTTP 503 &lt;html&gt; ⚠️ stale (HIGH)',
    );
    expect(lines).toContain('  research: disabled');
    expect(lines).toContain('  alpaca: open; last failure Fri, Nov 20, 11:58 UTC: VenueUnavailableError: HTTP 503');
    expect(lines).toContain('  alpaca data: closed');
    expect(lines).toContain('  sim 1h: 1 series; oldest last bar BTC/USDT Fri, Nov 20, 10:00 UTC (closed 1h 0m ago)');
    expect(lines).toContain('<b>Outbox</b>: 0 waiting');
    expect(lines).toContain('<b>Memory</b>: RSS 120.0 MB, heap 50.0 MB of 80.0 MB');
    expect(lines).toContain('<b>Event loop delay</b>: p50 10.2 ms, p99 21.5 ms, max 48 ms (15000 samples, Fri, Nov 20, 11:55 UTC to Fri, Nov 20, 12:00 UTC)');
    expect(lines).toContain('<b>Heartbeat</b>: last ping Fri, Nov 20, 11:55 UTC (HTTP 200)');
  });

  it('reads live data from the scheduler through collectHealth, in the display zone', async () => {
    const { send, jobs } = setup({
      displayTimezone: 'America/New_York',
      health: () =>
        collectHealth({
          clock: () => new Date('2026-11-20T12:00:00Z'),
          jobs: () => jobs.health(),
          dependencies: () => [],
          lastBarTimes: () => [{ venue: 'sim', symbol: 'NEW/USD', timeframe: '1d', lastT: undefined }],
        }),
    });
    await jobs.tracker.run('scan', 'manual', async () => 'done');
    const [text = ''] = await send('/health');
    expect(text).toContain('<b>Health</b> at Fri, Nov 20, 07:00 EST');
    expect(text).toContain('Critical conditions (/healthz): none');
    expect(text).toMatch(/\n {2}scan: ok in \d+ ms .* EST\n/);
    expect(text).toContain('  expire_proposals: not run since start; no success since start');
    expect(text).toContain('  sim 1d: 1 series; without bars: 1 (NEW/USD)');
    expect(text).toContain('<b>Breakers</b>\n  none registered');
    expect(text).toContain('<b>Outbox</b>: not measured');
    expect(text).toContain('<b>Heartbeat</b>: not configured (HEARTBEAT_URL)');
  });

  it('says so when health is not wired', async () => {
    const { send } = setup();
    expect(await send('/health')).toEqual(['Health is not wired in this build.']);
  });
});
