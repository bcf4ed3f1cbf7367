import type { ScheduledJob } from '../src/jobs/scheduled-job.js';
import { DAY_MS, type JobDeps } from '../src/jobs/job-deps.js';

/** A reserved slot: the research issue gives it its work and turns it on. */
export const researchJob: ScheduledJob<JobDeps> = {
  name: 'research',
  rule: '0 8 * * 1-5',
  tz: 'America/New_York',
  description: 'Research before the open (disabled until research lands)',
  expectedIntervalMs: DAY_MS,
  enabled: false,
  // Disabled, so never scheduled; /run research still may run it, and gets this answer.
  run: async () => 'nothing to do: research has not landed, so this slot is empty',
};
