import type { ScheduledJob } from '../src/jobs/scheduled-job.js';
import type { JobDeps } from '../src/jobs/job-deps.js';

/**
 * Temporary thresholds past their end are recorded as reverted, each with an INFO alert.
 * The value underneath is in force from the end itself (the engine reads the current
 * profile); this job only writes it down and tells the chat.
 */
export const expireThresholdsJob: ScheduledJob<JobDeps> = {
  name: 'expire_thresholds',
  rule: '*/15 * * * * *',
  tz: 'UTC',
  description: 'Revert temporary thresholds at their end (every 15 s)',
  expectedIntervalMs: 15_000,
  run: async (deps) => `reverted ${(await deps.engine.thresholds.revertExpired()).length}`,
};
