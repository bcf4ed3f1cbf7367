import type { ScheduledJob } from '../src/jobs/scheduled-job.js';
import { DAY_MS, type JobDeps } from '../src/jobs/job-deps.js';

/** The week's report, Friday after the close; also on a Friday holiday (the week still ends). */
export const weeklyReportJob: ScheduledJob<JobDeps> = {
  name: 'weekly_report',
  rule: '30 17 * * 5',
  tz: 'America/New_York',
  description: 'Weekly report (Friday 17:30 New York)',
  expectedIntervalMs: 7 * DAY_MS,
  run: (deps) => deps.reports.weekly(),
};
