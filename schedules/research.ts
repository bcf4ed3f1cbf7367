import type { ScheduledJob } from '../src/jobs/scheduled-job.js';
import { DAY_MS, type JobDeps } from '../src/jobs/job-deps.js';

/** What a run by hand answers. */
export const RESEARCH_OFF = 'Research is not in this version yet: trade ideas come from /scan (the strategies) and /propose.';

/**
 * Research before the open. This version has no research yet, so the slot stays off; a
 * run by hand says so plainly and where ideas come from instead. It must not name a
 * setting: no setting turns it on, and a trader who set one would be misled.
 */
export const researchJob: ScheduledJob<JobDeps> = {
  name: 'research',
  rule: '0 8 * * 1-5',
  tz: 'America/New_York',
  description: 'Research before the open (not in this version yet)',
  expectedIntervalMs: DAY_MS,
  enabled: false,
  // Disabled, so never scheduled; /run research still may run it, and gets this answer.
  run: async () => RESEARCH_OFF,
};
