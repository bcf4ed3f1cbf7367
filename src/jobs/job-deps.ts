import type { AlertSink } from '../engine/ports/alert-sink.js';
import type { HealthReport } from '../engine/health/collect-health.js';
import type { Engine } from '../engine/index.js';
import type { JobTracker } from './create-job-tracker.js';
import type { Heartbeat } from './create-heartbeat.js';

/** The part of the engine facade the jobs call; the real Engine fits it. */
export type JobEngine = Pick<Engine, 'expireDue' | 'reconcile'> & {
  readonly market: Pick<Engine['market'], 'scan' | 'topUpWatchlists'>;
  readonly thresholds: Pick<Engine['thresholds'], 'revertExpired'>;
  readonly analytics: Pick<Engine['analytics'], 'newExcursions'>;
};

/** Updates the outcomes of executed trades (the engine's outcomes). */
export interface OutcomesPort {
  update(): Promise<unknown>;
}

/** Builds and sends the daily and weekly reports (the bot's report sender). */
export interface ReportsPort {
  daily(): Promise<unknown>;
  weekly(): Promise<unknown>;
}

/** What a scheduled job may use; createJobRuntime wires all of it. */
export interface JobDeps {
  readonly engine: JobEngine;
  readonly clock: () => Date;
  /** Where job alerts and the daily health summary go. */
  readonly alerts: AlertSink;
  /** The job tracker: health_check asks it for stale jobs. */
  readonly tracker: Pick<JobTracker, 'checkStale'>;
  /** The same report /health shows; a HealthCache's refresh, so /healthz follows it. */
  readonly health: () => Promise<HealthReport>;
  readonly heartbeat: Heartbeat;
  readonly outcomes: OutcomesPort;
  readonly reports: ReportsPort;
}

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;
/**
 * For jobs that run on weekdays: the weekend gap (Fri → Mon) is 72 h, so with the stale
 * factor of 3 an interval of 26 h (78 h) never flags an ordinary weekend.
 */
export const WEEKDAY_INTERVAL_MS = 26 * HOUR_MS;
