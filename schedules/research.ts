import type { ScheduledJob } from '../src/jobs/scheduled-job.js';
import { DAY_MS, type JobDeps } from '../src/jobs/job-deps.js';

/**
 * Research before the open. Off until research is built and configured; a run by hand
 * says in plain words what turns it on (no wording about the project's plans).
 */
export const researchJob: ScheduledJob<JobDeps> = {
  name: 'research',
  rule: '0 8 * * 1-5',
  tz: 'America/New_York',
  description: 'Research before the open (off: set ANTHROPIC_API_KEY)',
  expectedIntervalMs: DAY_MS,
  enabled: false,
  // Disabled, so never scheduled; /run research still may run it, and gets this answer.
  run: async () => 'Research is off: set ANTHROPIC_API_KEY',
};
