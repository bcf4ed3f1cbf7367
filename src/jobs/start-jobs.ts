import schedule from 'node-schedule';
import type { Logger } from '../logger.js';
import type { ScheduledJob } from './scheduled-job.js';

export interface RunningJobs {
  /** Cancels future runs and waits for the ones in progress. */
  stop(): Promise<void>;
}

/**
 * Starts every job on its rule. A job never overlaps itself: a run that comes due while
 * the previous one is still going is skipped (and logged), not queued.
 */
export function startJobs<D>(jobs: readonly ScheduledJob<D>[], deps: D, logger: Logger): RunningJobs {
  const running = new Map<string, Promise<void>>();
  const scheduled = jobs.map((job) =>
    schedule.scheduleJob(job.name, { rule: job.rule, tz: job.tz }, () => {
      if (running.has(job.name)) {
        logger.debug({ job: job.name }, 'previous run still going; this one skipped');
        return;
      }
      const run = job
        .run(deps)
        .then(() => undefined)
        .catch((error: unknown) => logger.error({ err: error, job: job.name }, 'job failed'))
        .finally(() => running.delete(job.name));
      running.set(job.name, run);
    }),
  );
  return {
    async stop() {
      for (const job of scheduled) job?.cancel();
      await Promise.all(running.values());
    },
  };
}
