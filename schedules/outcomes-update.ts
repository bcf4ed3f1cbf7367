import { getNyseSession } from '../src/engine/market/nyse-calendar.js';
import type { ScheduledJob } from '../src/jobs/scheduled-job.js';
import { WEEKDAY_INTERVAL_MS, type JobDeps } from '../src/jobs/job-deps.js';

/**
 * After the US close on trading days: outcomes of executed trades are marked to the
 * close. On an NYSE holiday the run succeeds with nothing to do, so it never looks stale.
 */
export const outcomesUpdateJob: ScheduledJob<JobDeps> = {
  name: 'outcomes_update',
  rule: '0 17 * * 1-5',
  tz: 'America/New_York',
  description: 'Update trade outcomes after the close (17:00 New York, trading days)',
  expectedIntervalMs: WEEKDAY_INTERVAL_MS,
  run: async (deps) => {
    if (getNyseSession(deps.clock()) === undefined) return 'not an NYSE trading day';
    return deps.outcomes.update();
  },
};
