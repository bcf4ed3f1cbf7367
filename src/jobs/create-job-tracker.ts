import type { AlertInput, AlertSink } from '../engine/ports/alert-sink.js';
import type { JobOutcome, StaleLevel } from '../engine/health/collect-health.js';
import { describeError, type ErrorDescription } from '../engine/health/describe-error.js';
import type { Logger } from '../logger.js';
import { jobAlert } from '../alerts/alert-table.js';
import { summarizeJobResult } from './summarize-job-result.js';

export type JobTrigger = 'schedule' | 'manual' | 'task';

export interface JobRun {
  readonly job: string;
  readonly trigger: JobTrigger;
  readonly startedAt: Date;
  readonly endedAt: Date;
  readonly durationMs: number;
  readonly outcome: JobOutcome;
  readonly details?: string;
  readonly error?: ErrorDescription;
}

export interface JobState {
  readonly name: string;
  readonly expectedIntervalMs: number | undefined;
  /** Staleness counts from here until the first success. */
  readonly registeredAt: Date;
  /** Newest first. */
  readonly runs: readonly JobRun[];
  readonly running: { readonly startedAt: Date; readonly trigger: JobTrigger } | undefined;
  readonly lastSuccessAt: Date | undefined;
  readonly lastError: { readonly at: Date; readonly error: ErrorDescription } | undefined;
  readonly consecutiveFailures: number;
}

export interface JobTracker {
  /** Declares a job; without an interval it is never stale (disabled jobs, one-off tasks). */
  register(name: string, options?: { expectedIntervalMs?: number }): void;
  /**
   * Runs `work` and records it. A job never overlaps itself: while a run of `name` is in
   * progress another one is recorded as `skipped_overlap` and not started. Never throws.
   */
  run(name: string, trigger: JobTrigger, work: () => Promise<unknown>): Promise<JobRun>;
  get(name: string): JobState | undefined;
  list(): JobState[];
  /** WARNING after interval × staleFactor without success, HIGH after × highStaleFactor. */
  isStale(name: string, now: Date): StaleLevel | undefined;
  /** Raises an alert when a job becomes stale or more stale; returns every stale job. */
  checkStale(now: Date): Promise<{ name: string; level: StaleLevel }[]>;
}

export interface JobTrackerOptions {
  readonly clock?: () => Date;
  readonly alerts?: AlertSink;
  readonly logger?: Pick<Logger, 'error'>;
  /** Runs kept per job. Default 20. */
  readonly historySize?: number;
  /** Default 3. */
  readonly staleFactor?: number;
  /** Default 6. */
  readonly highStaleFactor?: number;
  /** Consecutive failures that raise HIGH (the first one raises WARNING). Default 3. */
  readonly failuresForHigh?: number;
}

interface Entry {
  name: string;
  expectedIntervalMs: number | undefined;
  registeredAt: Date;
  runs: JobRun[];
  running: { startedAt: Date; trigger: JobTrigger } | undefined;
  lastSuccessAt: Date | undefined;
  lastError: { at: Date; error: ErrorDescription } | undefined;
  consecutiveFailures: number;
  /** The stale level already alerted, so a check every minute does not repeat it. */
  staleAlerted: StaleLevel | undefined;
}

/**
 * Every scheduled job and long task runs inside this: outcome, duration, a short summary,
 * the last error, a bounded history, and alerts — WARNING on a first failure, HIGH on the
 * third in a row, the same for staleness, INFO when a job that was alerted on recovers.
 * Each alert is raised on a change of state only, and carries a dedupe key per job and level.
 */
export function createJobTracker(options: JobTrackerOptions = {}): JobTracker {
  const clock = options.clock ?? (() => new Date());
  const historySize = options.historySize ?? 20;
  const staleFactor = options.staleFactor ?? 3;
  const highStaleFactor = options.highStaleFactor ?? 6;
  const failuresForHigh = options.failuresForHigh ?? 3;
  const entries = new Map<string, Entry>();

  const entryOf = (name: string, expectedIntervalMs?: number): Entry => {
    let entry = entries.get(name);
    if (entry === undefined) {
      entry = { name, expectedIntervalMs, registeredAt: clock(), runs: [], running: undefined, lastSuccessAt: undefined, lastError: undefined, consecutiveFailures: 0, staleAlerted: undefined };
      entries.set(name, entry);
    }
    return entry;
  };

  const raise = async (alert: AlertInput) => {
    try {
      await options.alerts?.raise(alert);
    } catch (error) {
      options.logger?.error({ err: error, alert: alert.type }, 'could not raise a job alert');
    }
  };

  const record = (entry: Entry, run: JobRun): JobRun => {
    entry.runs.unshift(run);
    entry.runs.length = Math.min(entry.runs.length, historySize);
    return run;
  };

  const isStale = (entry: Entry, now: Date): StaleLevel | undefined => {
    if (entry.expectedIntervalMs === undefined) return undefined;
    const silentMs = now.getTime() - (entry.lastSuccessAt ?? entry.registeredAt).getTime();
    if (silentMs > entry.expectedIntervalMs * highStaleFactor) return 'HIGH';
    if (silentMs > entry.expectedIntervalMs * staleFactor) return 'WARNING';
    return undefined;
  };

  async function onFailure(entry: Entry, run: JobRun, error: unknown) {
    options.logger?.error({ err: error, job: entry.name, trigger: run.trigger }, 'job failed');
    const n = entry.consecutiveFailures;
    if (n === 1) await raise(jobAlert({ kind: 'first_failure', job: entry.name, run }));
    else if (n === failuresForHigh) await raise(jobAlert({ kind: 'failing', job: entry.name, run, consecutive: n }));
  }

  async function onSuccess(entry: Entry, run: JobRun) {
    const failures = entry.consecutiveFailures;
    const wasStale = entry.staleAlerted !== undefined;
    entry.lastSuccessAt = run.endedAt;
    entry.consecutiveFailures = 0;
    entry.staleAlerted = undefined;
    if (failures > 0 || wasStale) await raise(jobAlert({ kind: 'recovered', job: entry.name, failures }));
  }

  return {
    register(name, opts = {}) {
      entryOf(name, opts.expectedIntervalMs).expectedIntervalMs = opts.expectedIntervalMs;
    },
    async run(name, trigger, work) {
      const entry = entryOf(name);
      const startedAt = clock();
      if (entry.running !== undefined) {
        const details = `previous run (started ${entry.running.startedAt.toISOString()}) still going`;
        return record(entry, { job: name, trigger, startedAt, endedAt: startedAt, durationMs: 0, outcome: 'skipped_overlap', details });
      }
      entry.running = { startedAt, trigger };
      let result: { ok: true; value: unknown } | { ok: false; error: unknown };
      try {
        result = { ok: true, value: await work() };
      } catch (error) {
        result = { ok: false, error };
      } finally {
        entry.running = undefined;
      }
      const endedAt = clock();
      const base = { job: name, trigger, startedAt, endedAt, durationMs: endedAt.getTime() - startedAt.getTime() };
      if (result.ok) {
        const details = summarizeJobResult(result.value);
        const run = record(entry, { ...base, outcome: 'ok', ...(details === undefined ? {} : { details }) });
        await onSuccess(entry, run);
        return run;
      }
      const error = describeError(result.error);
      const run = record(entry, { ...base, outcome: 'failed', error });
      entry.consecutiveFailures += 1;
      entry.lastError = { at: endedAt, error };
      await onFailure(entry, run, result.error);
      return run;
    },
    get: (name) => entries.get(name),
    list: () => [...entries.values()],
    isStale(name, now) {
      const entry = entries.get(name);
      return entry === undefined ? undefined : isStale(entry, now);
    },
    async checkStale(now) {
      const stale: { name: string; level: StaleLevel }[] = [];
      for (const entry of entries.values()) {
        const level = isStale(entry, now);
        if (level === undefined) continue;
        stale.push({ name: entry.name, level });
        if (entry.staleAlerted === level || entry.staleAlerted === 'HIGH') continue;
        entry.staleAlerted = level;
        await raise(
          jobAlert({
            kind: 'stale',
            job: entry.name,
            level,
            now,
            expectedIntervalMs: entry.expectedIntervalMs ?? 0,
            lastSuccessAt: entry.lastSuccessAt,
            trackedSince: entry.registeredAt,
            lastError: entry.lastError,
          }),
        );
      }
      return stale;
    },
  };
}
