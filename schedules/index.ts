import type { ScheduledJob } from '../src/jobs/scheduled-job.js';
import { approvalBandsJob } from './approval-bands.js';
import { backfillTopupJob } from './backfill-topup.js';
import { checkOrdersJob } from './check-orders.js';
import { dailyHealthSummaryJob } from './daily-health-summary.js';
import { dailyReportJob } from './daily-report.js';
import { expireProposalsJob } from './expire-proposals.js';
import { expireThresholdsJob } from './expire-thresholds.js';
import { healthCheckJob } from './health-check.js';
import { heartbeatJob } from './heartbeat.js';
import type { JobDeps } from '../src/jobs/job-deps.js';
import { outcomesUpdateJob } from './outcomes-update.js';
import { researchJob } from './research.js';
import { scanJob } from './scan.js';
import { weeklyReportJob } from './weekly-report.js';

/** Every scheduled job, in the order /jobs lists them. */
export const JOBS: readonly ScheduledJob<JobDeps>[] = [
  expireProposalsJob,
  checkOrdersJob,
  scanJob,
  backfillTopupJob,
  outcomesUpdateJob,
  dailyReportJob,
  weeklyReportJob,
  dailyHealthSummaryJob,
  heartbeatJob,
  healthCheckJob,
  expireThresholdsJob,
  researchJob,
  approvalBandsJob,
];
