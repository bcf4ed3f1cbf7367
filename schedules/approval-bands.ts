import { approvalBandAlert } from '../src/alerts/alert-table.js';
import type { ScheduledJob } from '../src/jobs/scheduled-job.js';
import { HOUR_MS, type JobDeps } from '../src/jobs/job-deps.js';

/**
 * Hourly: a WARNING when an account's gate pass rate or approval rate has just left its
 * band over a window with 20 or more samples, carrying the suggested change. Once per
 * excursion: a rate still out at the next run is not told again.
 */
export const approvalBandsJob: ScheduledJob<JobDeps> = {
  name: 'approval_bands',
  rule: '5 * * * *',
  tz: 'UTC',
  description: 'Warn when the pass or approval rate leaves its band, with a suggested change (hourly)',
  expectedIntervalMs: HOUR_MS,
  run: async (deps) => {
    const started = await deps.engine.analytics.newExcursions();
    for (const suggestion of started) await deps.alerts.raise(approvalBandAlert(suggestion));
    return `${started.length} new excursion${started.length === 1 ? '' : 's'}`;
  },
};
