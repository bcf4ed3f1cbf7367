/**
 * Every job's name, without importing the jobs: the config validates JOB_SCHEDULES
 * against it. A test checks it matches JOBS.
 */
export const JOB_NAMES = [
  'expire_proposals',
  'check_orders',
  'scan',
  'backfill_topup',
  'outcomes_update',
  'daily_report',
  'weekly_report',
  'daily_health_summary',
  'heartbeat',
  'health_check',
  'expire_thresholds',
  'research',
  'approval_bands',
] as const;
