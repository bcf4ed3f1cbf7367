import type { ScheduledJob } from '../src/jobs/scheduled-job.js';
import { checkOrdersJob } from './check-orders.js';
import { expireProposalsJob } from './expire-proposals.js';
import type { JobDeps } from './job-deps.js';

/** Every scheduled job. */
export const JOBS: readonly ScheduledJob<JobDeps>[] = [expireProposalsJob, checkOrdersJob];
