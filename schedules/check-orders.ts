import type { ScheduledJob } from '../src/jobs/scheduled-job.js';
import { MINUTE_MS, type JobDeps } from '../src/jobs/job-deps.js';

/** Orders not final are looked up at their venue: fills, cancels and lost answers resolve. */
export const checkOrdersJob: ScheduledJob<JobDeps> = {
  name: 'check_orders',
  rule: '30 * * * * *',
  tz: 'UTC',
  description: 'Check fills and reconcile open orders with the venues (every minute)',
  expectedIntervalMs: MINUTE_MS,
  run: async (deps) => {
    const r = await deps.engine.reconcile();
    return `checked ${r.checked}, changed ${r.changed}, resumed ${r.resumed}, lapsed ${r.lapsed}`;
  },
};
