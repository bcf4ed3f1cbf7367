import type { AlertInput } from '../engine/ports/alert-sink.js';
import type { StaleLevel } from '../engine/health/collect-health.js';
import type { ErrorDescription } from '../engine/health/describe-error.js';
import type { JobRun } from './create-job-tracker.js';
import { formatInterval } from './format-interval.js';

/**
 * The alerts a job raises. Each carries a dedupe key per job and level: the tracker raises
 * on a change of state only, and the key stops a flapping job from repeating itself.
 */
export function jobFailedAlert(job: string, run: JobRun, consecutive: number, severity: 'WARNING' | 'HIGH'): AlertInput {
  return {
    severity,
    type: 'job_failed',
    title: consecutive === 1 ? `Job ${job} failed` : `Job ${job} failed ${consecutive} times in a row`,
    body: `${run.error?.name ?? 'Error'}: ${run.error?.message ?? ''}\nStarted ${run.startedAt.toISOString()}, failed after ${formatInterval(run.durationMs)}.`,
    dedupeKey: `job_failed:${job}:${severity}`,
  };
}

export function jobRecoveredAlert(job: string, failures: number): AlertInput {
  return {
    severity: 'INFO',
    type: 'job_recovered',
    title: `Job ${job} succeeded again`,
    body: failures > 0 ? `After ${failures} failed run${failures === 1 ? '' : 's'}.` : 'It had not succeeded for longer than expected.',
    dedupeKey: `job_recovered:${job}`,
  };
}

export interface StaleFacts {
  readonly job: string;
  readonly level: StaleLevel;
  readonly now: Date;
  readonly expectedIntervalMs: number;
  readonly lastSuccessAt: Date | undefined;
  readonly trackedSince: Date;
  readonly lastError: { readonly at: Date; readonly error: ErrorDescription } | undefined;
}

export function jobStaleAlert(facts: StaleFacts): AlertInput {
  const since = facts.lastSuccessAt ?? facts.trackedSince;
  return {
    severity: facts.level,
    type: 'job_stale',
    title: `Job ${facts.job} has not succeeded for ${formatInterval(facts.now.getTime() - since.getTime())}`,
    body: [
      `Expected at least every ${formatInterval(facts.expectedIntervalMs)}.`,
      facts.lastSuccessAt === undefined ? `No success since tracking began at ${since.toISOString()}.` : `Last success ${since.toISOString()}.`,
      ...(facts.lastError === undefined ? [] : [`Last error (${facts.lastError.at.toISOString()}): ${facts.lastError.error.name}: ${facts.lastError.error.message}`]),
    ].join('\n'),
    dedupeKey: `job_stale:${facts.job}:${facts.level}`,
  };
}
