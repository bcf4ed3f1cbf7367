import type { JobRun, JobState } from '../jobs/create-job-tracker.js';

/**
 * The job tracker keeps each job's last runs (newest first). At each scrape this hands out
 * the runs not counted yet, so counters grow by exactly the runs that happened; a job that
 * ran more often between two scrapes than the tracker keeps loses the oldest of them.
 */
export function createJobRunReader() {
  const counted = new Map<string, number>();
  return {
    newRuns(jobs: readonly JobState[]): JobRun[] {
      const fresh: JobRun[] = [];
      for (const job of jobs) {
        const since = counted.get(job.name) ?? -Infinity;
        const runs = job.runs.filter((r) => r.startedAt.getTime() > since);
        if (runs.length === 0) continue;
        counted.set(job.name, Math.max(...runs.map((r) => r.startedAt.getTime())));
        fresh.push(...runs.reverse());
      }
      return fresh;
    },
  };
}
