import type { ScheduledJob } from '../src/jobs/scheduled-job.js';
import { describeError } from '../src/engine/health/describe-error.js';
import { MINUTE_MS, type JobDeps } from '../src/jobs/job-deps.js';
import { totalOf, type ScanSummary } from '../src/engine/scanner/scan.js';
import { countOf } from '../src/engine/text/count-of.js';

/**
 * Every account's watchlist through the strategies, every 15 minutes, all week: crypto
 * trades 24/7, and stocks need no calendar here — outside the session no new bars arrive,
 * so the scanner's freshness rule (last closed bar within 2 timeframes of now) skips
 * those series without running a strategy on old prices.
 *
 * The last day of bars is topped up first (only bars after each series' last one are
 * fetched), so the scan reads the bars that just closed. A venue that is busy or down
 * leaves its series as they are: the scan still runs, and stale series are skipped.
 * At 30 s past the quarter hour, so the bar that closed on it is available.
 */
export const scanJob: ScheduledJob<JobDeps> = {
  name: 'scan',
  rule: '30 */15 * * * *',
  tz: 'UTC',
  description: 'Top up recent bars, then scan every watchlist (every 15 min)',
  expectedIntervalMs: 15 * MINUTE_MS,
  run: async (deps) => {
    let topUp: string;
    try {
      const reports = await deps.engine.market.topUpWatchlists(1);
      topUp = `topped up ${reports.reduce((n, r) => n + r.barsStored, 0)} bars; `;
    } catch (error) {
      topUp = `top-up failed (${describeError(error).message}); `;
    }
    const scans = await deps.engine.market.scan();
    const total = (count: (s: ScanSummary) => number) => scans.reduce((n, s) => n + count(s.summary), 0);
    const failures = total((s) => s.failures.length);
    // The same parts as /scan: they add up to the signals.
    const signals = `${countOf(total((s) => s.signals), 'signal')}: ${total((s) => s.proposed)} proposed + ${total((s) => totalOf(s.blocked))} blocked + ${total((s) => totalOf(s.skipped))} skipped`;
    const failed = failures > 0 ? `, ${countOf(failures, 'failure')}` : '';
    return `${topUp}${countOf(scans.length, 'account')}, ${total((s) => s.seriesScanned)} series (${total((s) => s.stale)} stale), ${signals}${failed}`;
  },
};
