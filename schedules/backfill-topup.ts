import type { ScheduledJob } from '../src/jobs/scheduled-job.js';
import { DAY_MS, type JobDeps } from '../src/jobs/job-deps.js';
import { countOf } from '../src/engine/text/count-of.js';

/** The daily incremental top-up: the last 3 days of every watched series, gaps included. */
export const backfillTopupJob: ScheduledJob<JobDeps> = {
  name: 'backfill_topup',
  rule: '0 30 0 * * *',
  tz: 'UTC',
  description: 'Top up the last 3 days of bars for every watchlist (daily 00:30 UTC)',
  expectedIntervalMs: DAY_MS,
  run: async (deps) => {
    const reports = await deps.engine.market.topUpWatchlists(3);
    const bars = reports.reduce((n, r) => n + r.barsStored, 0);
    return `${countOf(reports.length, 'backfill')}, ${countOf(bars, 'bar')} stored`;
  },
};
