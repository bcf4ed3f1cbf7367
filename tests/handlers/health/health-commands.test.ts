import { afterEach, describe, expect, it, vi } from 'vitest';
import type { JobDeps } from '../../../src/jobs/job-deps.js';
import type { ScheduledJob } from '../../../src/jobs/scheduled-job.js';
import { sentTexts } from '../../helpers/record-api.js';
import { OWNER, VIEWER, createTestBot, type TestBot } from '../../helpers/test-bot.js';
import { at, healthReport, jobHealth } from '../../engine/health/health-fixtures.js';
import { createGate } from '../../jobs/job-test-helpers.js';
import { BERLIN, NEW_YORK, UTC, shown, shownAt } from './shown.js';

let started: TestBot | undefined;

afterEach(async () => {
  await started?.runtime.stop();
  started = undefined;
  vi.useRealTimers();
});

/** A test bot whose jobs are on their timers, as in production; stopped after the test. */
async function startedBot(...args: Parameters<typeof createTestBot>): Promise<TestBot> {
  started = createTestBot(...args);
  await started.runtime.start();
  return started;
}

const job = (name: string, run: ScheduledJob<JobDeps>['run']): ScheduledJob<JobDeps> => ({ name, rule: '0 0 1 1 *', tz: 'UTC', description: 'd', expectedIntervalMs: 60_000, run });

describe('/jobs', () => {
  it('lists every job with its rule, next run in the user’s zone and in New York, and the last run', async () => {
    // node-schedule reads the real Date for the next run; the bot's clock is 12:00:00.
    vi.useFakeTimers({ now: new Date('2026-11-20T12:00:01Z'), toFake: ['Date'] });
    const h = await startedBot({ DISPLAY_TIMEZONE: 'Europe/Berlin' });
    await h.say('/run check_orders');
    const { text } = await h.say('/jobs', VIEWER);
    // Both zones for each next run: the user's and the exchange's.
    const [halfMinute, close] = ['2026-11-20T12:00:30Z', '2026-11-20T21:30:00Z'];
    expect(text, 'the zones named by their IANA names').toContain('📄 <b>PAPER</b> · <b>Jobs</b> (Europe/Berlin · New York)');
    expect(text, 'scan runs at 30 s past the quarter hour').toMatch(shown`<b>scan</b> <code>30 */15 * * * *</code> UTC\n  next: ${shownAt(halfMinute, BERLIN)} · ${shownAt(halfMinute, NEW_YORK)}\n  last: not run since start`);
    expect(text, 'New York jobs show the New York time').toMatch(shown`<b>daily_report</b> <code>30 16 * * 1-5</code> America/New_York\n  next: ${shownAt(close, BERLIN)} · ${shownAt(close, NEW_YORK)}`);
    expect(text, 'the /run shows as the last run').toMatch(
      shown`<b>check_orders</b> <code>30 * * * * *</code> UTC\n  next: ${shownAt(halfMinute, BERLIN)} · ${shownAt(halfMinute, NEW_YORK)}\n  last: ok in 0 ms, ${shownAt('2026-11-20T12:00:00Z', BERLIN)} — checked 0, changed 0, resumed 0, lapsed 0`,
    );
    expect(text, 'a disabled job says so').toContain('<b>research</b> <code>0 8 * * 1-5</code> America/New_York — disabled');
    expect(text.length, 'fits one Telegram message').toBeLessThan(4096);
  });

  it('shows a failing job and its error, escaped', async () => {
    const h = createTestBot({}, { jobs: [job('fragile', () => Promise.reject(new Error('bad <tag> & co')))] });
    for (let i = 0; i < 2; i++) await h.say('/run fragile');
    const { text } = await h.say('/jobs');
    expect(text, 'the error, HTML-escaped').toMatch(/last: failed after \d+ ms, .* — bad &lt;tag&gt; &amp; co/);
    expect(text, 'the streak of failures').toContain('⚠️ failed 2× in a row');
  });
});

describe('/run', () => {
  function slowJob() {
    const gate = createGate();
    let runs = 0;
    const slow = job('slow', async () => {
      runs++;
      await gate.opened;
      return 'slow work done';
    });
    return { job: slow, gate, runs: () => runs };
  }

  it('answers “running…” at once, then the result; a second /run while it runs is refused', async () => {
    const slow = slowJob();
    const h = createTestBot({}, { jobs: [slow.job] });
    // Not settled: the job waits at its gate until the test opens it.
    expect((await h.say('/run slow', OWNER, { settle: false })).texts, 'answered at once').toEqual(['Running slow…']);
    const second = await h.say('/run slow', OWNER, { settle: false });
    expect(second.text, 'refused while running').toMatch(/^slow is already running \(since .*, manual\); not started again\.$/);
    expect(slow.runs(), 'no overlap').toBe(1);
    slow.gate.open();
    await h.settle();
    expect(sentTexts(h.calls).at(-1), 'the result follows').toMatch(/^<b>slow<\/b>: ok in \d+ ms \(started [^)]*\)\nslow work done$/);
  });

  it('reports a failure with the error', async () => {
    const h = createTestBot({}, { jobs: [job('broken', () => Promise.reject(new TypeError('no route')))] });
    const { texts } = await h.say('/run broken');
    expect(texts[1], 'the error class and message').toMatch(/^<b>broken<\/b>: failed after \d+ ms \(started [^)]*\)\nTypeError: no route$/);
  });

  it('an unknown or missing job name gets the list of names', async () => {
    const h = createTestBot();
    expect((await h.say('/run nope')).text, 'an unknown job, with the names').toMatch(/^Unknown job "nope"\. Jobs: expire_proposals, check_orders, scan, backfill_topup, .*research, approval_bands\.$/);
    expect((await h.say('/run')).text, 'no job named, with the names').toMatch(/^Name the job, e\.g\. \/run scan\. Jobs: expire_proposals, /);
    expect((await h.say('/run scan check_orders')).text, 'one job at a time').toMatch(/^Name one job \(got "scan check_orders"\)\. Jobs: /);
  });

  it('needs the owner role', async () => {
    const slow = slowJob();
    const h = createTestBot({}, { jobs: [slow.job] });
    expect((await h.say('/run slow', VIEWER)).texts, 'refused, naming the role').toEqual(['/run needs the owner role; you are viewer.']);
    expect(slow.runs(), 'nothing ran').toBe(0);
  });
});

describe('/health', () => {
  it('renders every measured value with its time, and the critical conditions', async () => {
    const report = healthReport({
      jobs: [
        jobHealth({
          name: 'check_orders',
          consecutiveFailures: 3,
          stale: 'HIGH',
          lastRun: { startedAt: at('2026-11-20T11:59:30Z'), endedAt: at('2026-11-20T11:59:30.3Z'), durationMs: 300, outcome: 'failed' },
          lastError: { at: at('2026-11-20T11:59:30.3Z'), error: { name: 'VenueUnavailableError', message: 'HTTP 503 <html>' } },
        }),
        jobHealth({ name: 'research', enabled: false }),
      ],
      dependencies: [{ name: 'alpaca', state: 'open', lastFailureAt: at('2026-11-20T11:58:00Z'), lastError: { name: 'VenueUnavailableError', message: 'HTTP 503' } }, { name: 'alpaca data', state: 'closed' }],
    });
    const h = createTestBot({}, { health: async () => report });
    const { text } = await h.say('/health', VIEWER);
    const t = (iso: string) => shownAt(iso, UTC);
    expect(text.split('\n')[0], 'the badge and the time of the report').toMatch(shown`📄 <b>PAPER</b> · <b>Health</b> at ${t('2026-11-20T12:00:00Z')}`);
    for (const line of [
      '🚨 Critical conditions (/healthz answers 503):',
      '  alpaca: failing, calls paused (breaker open)',
      '  check_orders: no successful run for too long',
      '  research: disabled',
      '  alpaca data: OK',
      '<b>Alerts waiting to be sent</b>: 0',
      '<b>Memory</b>: RSS 120.0 MB, heap 50.0 MB of 80.0 MB',
    ]) {
      expect(text.split('\n'), `shows ${line}`).toContain(line);
    }
    for (const pattern of [
      shown`\n  check_orders: failed after 300 ms ${t('2026-11-20T11:59:30Z')}; last success ${t('2026-11-20T11:59:31Z')}; 3 failures in a row; VenueUnavailableError: HTTP 503 &lt;html&gt; ⚠️ stale (HIGH)\n`,
      shown`\n  alpaca: failing, calls paused \(breaker open\); last failure ${t('2026-11-20T11:58:00Z')}: VenueUnavailableError: HTTP 503\n`,
      shown`\n  sim 1h: 1 series; oldest last bar BTC/USDT ${t('2026-11-20T10:00:00Z')} (closed 1h 0m ago)\n`,
      shown`\n<b>Event loop delay</b>: p50 10.2 ms, p99 21.5 ms, max 48 ms beyond the 20 ms sampling interval (15,000 samples over 5m 0s to ${t('2026-11-20T12:00:00Z')})\n`,
      shown`\n<b>Heartbeat</b>: last ping ${t('2026-11-20T11:55:00Z')} (HTTP 200)`,
    ]) {
      expect(text, `matches ${pattern.source}`).toMatch(pattern);
    }
  });

  it('reads live data from the job runtime, in the display zone', async () => {
    const h = createTestBot({ DISPLAY_TIMEZONE: 'America/New_York' });
    await h.say('/run expire_proposals');
    const { text } = await h.say('/health');
    expect(text, 'the report’s time on New York’s clock').toMatch(shown`<b>Health</b> at ${shownAt('2026-11-20T12:00:00Z', NEW_YORK)}`);
    expect(text, 'nothing critical').toContain('Critical conditions (/healthz): none');
    expect(text, 'the job run by /run').toMatch(shown`\n  expire_proposals: ok in 0 ms ${shownAt('2026-11-20T12:00:00Z', NEW_YORK)}\n`);
    expect(text.split('\n'), 'a job not run yet, said once').toContain('  check_orders: not run since start');
    expect(text, 'every watched series, none backfilled').toContain('  sim 1d: 8 series; without bars: 8 (');
    expect(text, 'no breakers in the test wiring').toContain('<b>Connections</b>\n  none registered');
    expect(text, 'the alert outbox').toContain('<b>Alerts waiting to be sent</b>: 0');
    expect(text, 'not measured before the runtime starts').toContain('<b>Event loop delay</b>: not measured');
    expect(text, 'no HEARTBEAT_URL').toContain('<b>Heartbeat</b>: not configured (HEARTBEAT_URL)');
  });
});
