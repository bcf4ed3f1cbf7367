import { dailyHealthSummaryAlert } from '../src/alerts/alert-table.js';
import { criticalConditions } from '../src/engine/health/critical-conditions.js';
import type { ScheduledJob } from '../src/jobs/scheduled-job.js';
import { DAY_MS, type JobDeps } from '../src/jobs/job-deps.js';

/**
 * Once a day, an INFO alert with the health summary, the heartbeat line included: proof
 * of life in the chat, and a place to notice slow drifts (memory, stale series) that
 * never cross an alert threshold. Every day: crypto does not stop at weekends.
 */
export const dailyHealthSummaryJob: ScheduledJob<JobDeps> = {
  name: 'daily_health_summary',
  rule: '0 17 * * *',
  tz: 'America/New_York',
  description: 'Health summary to the chat as an INFO alert (daily 17:00 New York)',
  expectedIntervalMs: DAY_MS,
  run: async (deps) => {
    const report = await deps.health();
    const critical = criticalConditions(report);
    await deps.alerts.raise(dailyHealthSummaryAlert(report, critical, deps.clock()));
    return `sent; ${critical.length} critical condition${critical.length === 1 ? '' : 's'}`;
  },
};
