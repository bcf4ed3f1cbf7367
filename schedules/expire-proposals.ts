import type { ScheduledJob } from '../src/jobs/scheduled-job.js';
import type { JobDeps } from '../src/jobs/job-deps.js';

/** Pending proposals past their deadline become "expired, not executed". */
export const expireProposalsJob: ScheduledJob<JobDeps> = {
  name: 'expire_proposals',
  rule: '*/15 * * * * *',
  tz: 'UTC',
  description: 'Expire pending proposals at their deadline (every 15 s)',
  expectedIntervalMs: 15_000,
  run: async (deps) => `expired ${(await deps.engine.expireDue()).length}`,
};
