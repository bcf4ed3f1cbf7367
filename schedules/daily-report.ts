import { getNyseSession } from '../src/engine/market/nyse-calendar.js';
import type { ScheduledJob } from '../src/jobs/scheduled-job.js';
import { WEEKDAY_INTERVAL_MS, type JobDeps } from '../src/jobs/job-deps.js';

/** The day's report, after the US close (16:00, or 13:00 on early-close days) on trading days. */
export const dailyReportJob: ScheduledJob<JobDeps> = {
  name: 'daily_report',
  rule: '30 16 * * 1-5',
  tz: 'America/New_York',
  description: 'Daily report after the close (16:30 New York, trading days)',
  expectedIntervalMs: WEEKDAY_INTERVAL_MS,
  run: async (deps) => {
    if (getNyseSession(deps.clock()) === undefined) return 'not an NYSE trading day';
    return deps.reports.daily();
  },
};
