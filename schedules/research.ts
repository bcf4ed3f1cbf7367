import { getNyseSession } from '../src/engine/market/nyse-calendar.js';
import type { ScheduledJob } from '../src/jobs/scheduled-job.js';
import { WEEKDAY_INTERVAL_MS, type JobDeps } from '../src/jobs/job-deps.js';

/** What the research job runs: every account with a mandate (the bot's research desk). */
export interface ResearchJobPort {
  runScheduled(): Promise<string>;
}

/** How /jobs lists the job without a key. */
export const RESEARCH_OFF = 'off: set ANTHROPIC_API_KEY';

/**
 * Without a key the job is listed, and stays off; JOB_SCHEDULES=research=on cannot make it
 * do anything either, and /run research says what to set. The composition root swaps in
 * createResearchJob once a key is set.
 */
export const researchJob: ScheduledJob<JobDeps> = {
  name: 'research',
  rule: '0 8 * * 1-5',
  tz: 'America/New_York',
  description: RESEARCH_OFF,
  expectedIntervalMs: WEEKDAY_INTERVAL_MS,
  enabled: false,
  // Disabled, so never scheduled; /run research still may run it, and gets this answer.
  run: async () => 'Research is off: set ANTHROPIC_API_KEY and restart.',
};

/**
 * Research before the open, 08:00 New York on NYSE trading days: one run per account with
 * a mandate. Summaries and reports go to the approvers; the ideas' cards as any proposal's.
 */
export function createResearchJob(port: ResearchJobPort): ScheduledJob<JobDeps> {
  return {
    ...researchJob,
    description: 'Research with Claude for each account with a mandate (08:00 New York, trading days)',
    enabled: true,
    run: async (deps) => {
      if (getNyseSession(deps.clock()) === undefined) return 'not an NYSE trading day';
      return port.runScheduled();
    },
  };
}
