import { criticalConditions } from '../src/engine/health/critical-conditions.js';
import type { ScheduledJob } from '../src/jobs/scheduled-job.js';
import { MINUTE_MS, type JobDeps } from '../src/jobs/job-deps.js';

/**
 * Every minute: jobs that have not succeeded for 3× their interval raise WARNING, 6×
 * HIGH — once per level (the tracker remembers), with a dedupe key per job and level.
 * Then the health report is collected, which refreshes what GET /healthz answers from
 * (see createHealthCache). Its own staleness is what the heartbeat is for.
 */
export const healthCheckJob: ScheduledJob<JobDeps> = {
  name: 'health_check',
  rule: '45 * * * * *',
  tz: 'UTC',
  description: 'Alert on stale jobs; refresh the /healthz verdict (every minute)',
  expectedIntervalMs: MINUTE_MS,
  run: async (deps) => {
    const stale = await deps.tracker.checkStale(deps.clock());
    const staleText = stale.length === 0 ? 'no stale jobs' : `stale: ${stale.map((s) => `${s.name} (${s.level})`).join(', ')}`;
    const critical = criticalConditions(await deps.health());
    return `${staleText}; ${critical.length === 0 ? 'no critical conditions' : `critical: ${critical.map((c) => c.rule).join(', ')}`}`;
  },
};
