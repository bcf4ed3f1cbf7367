import { criticalConditions } from '../src/engine/health/critical-conditions.js';
import type { ScheduledJob } from '../src/jobs/scheduled-job.js';
import { MINUTE_MS, type JobDeps } from '../src/jobs/job-deps.js';

/**
 * Pings HEARTBEAT_URL after a self-check: the health report is collected (the event loop,
 * store and jobs answer) and holds no critical condition. When the check fails the ping
 * is withheld, so the outside monitor raises the alarm; never a chat message.
 */
export const heartbeatJob: ScheduledJob<JobDeps> = {
  name: 'heartbeat',
  rule: '0 */5 * * * *',
  tz: 'UTC',
  description: 'Ping HEARTBEAT_URL after a self-check (every 5 min)',
  expectedIntervalMs: 5 * MINUTE_MS,
  run: async (deps) => {
    const { heartbeat } = deps;
    if (!heartbeat.configured) return 'HEARTBEAT_URL is not set: nothing to ping';
    const critical = criticalConditions(await deps.health());
    if (critical.length > 0) {
      const reason = `self-check found ${critical.map((c) => c.rule).join(', ')}`;
      heartbeat.withhold(reason);
      return `not pinged: ${reason}`;
    }
    const { status } = await heartbeat.ping();
    return `pinged (HTTP ${status})`;
  },
};
