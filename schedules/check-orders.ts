import type { ScheduledJob } from '../src/jobs/scheduled-job.js';
import type { JobDeps } from './job-deps.js';

/** Orders not final are looked up at their venue: fills, cancels and lost answers resolve. */
export const checkOrdersJob: ScheduledJob<JobDeps> = {
  name: 'check_orders',
  rule: '30 * * * * *',
  tz: 'UTC',
  description: 'Check fills and reconcile open orders with the venues (every minute)',
  run: (deps) => deps.engine.reconcile(),
};
