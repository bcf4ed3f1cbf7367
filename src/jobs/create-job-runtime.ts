import type { JobDeps, OutcomesPort, ReportsPort } from './job-deps.js';
import type { AlertSink } from '../engine/ports/alert-sink.js';
import { collectHealth, type DependencyInput, type HealthReport } from '../engine/health/collect-health.js';
import { createEventLoopProbe, type EventLoopProbe } from '../engine/health/create-event-loop-probe.js';
import { createHealthCache, type HealthCache } from '../engine/health/create-health-cache.js';
import { listLastBarTimes } from '../engine/health/list-last-bar-times.js';
import type { Engine } from '../engine/index.js';
import type { Timeframe } from '../engine/market/bars.js';
import type { Logger } from '../logger.js';
import { createHeartbeat, type Heartbeat } from './create-heartbeat.js';
import { createJobTracker, type JobTracker } from './create-job-tracker.js';
import type { JobOverrides } from './parse-job-overrides.js';
import type { ScheduledJob } from './scheduled-job.js';
import { createJobScheduler, type JobScheduler } from './start-jobs.js';
import { healthChangeAlerts } from '../alerts/alert-table.js';
import type { AlertInput } from '../engine/ports/alert-sink.js';

export interface JobRuntimeOptions {
  readonly jobs: readonly ScheduledJob<JobDeps>[];
  readonly engine: Engine;
  readonly scanTimeframes: readonly Timeframe[];
  readonly logger: Logger;
  readonly clock: () => Date;
  readonly startedAt: Date;
  /** JOB_SCHEDULES, parsed. */
  readonly overrides: JobOverrides;
  /** HEARTBEAT_URL (undefined: no heartbeat) and HEARTBEAT_METHOD. */
  readonly heartbeat: { readonly url: string | undefined; readonly method: 'GET' | 'POST' };
  /** Job alerts, health condition alerts and the daily summary. */
  readonly alerts: AlertSink;
  /** Alerts waiting for Telegram (the alert dispatcher's depth). */
  readonly outboxDepth: () => number | Promise<number>;
  /** Breakers per dependency: DependencyHealth.snapshot. */
  readonly dependencies: () => readonly DependencyInput[];
  readonly outcomes: OutcomesPort;
  readonly reports: ReportsPort;
}

export interface JobRuntime {
  readonly scheduler: JobScheduler;
  readonly tracker: JobTracker;
  readonly heartbeat: Heartbeat;
  /** A fresh health report (also refreshes `healthCache`): what /health shows. */
  readonly health: () => Promise<HealthReport>;
  /** The last report and its critical conditions: what GET /healthz reads. */
  readonly healthCache: HealthCache;
  /** Starts the event-loop probe at once and the job timers when node-schedule has loaded; last in start-up. */
  start(): Promise<void>;
  /** Stops the timers, waits for running jobs, stops the event-loop probe. */
  stop(): Promise<void>;
}

/**
 * The scheduler with everything its jobs and /health read, built together: the job
 * tracker (alerts through `alerts`), the heartbeat, the event-loop probe and the health
 * report over the watched series. Every refresh of the report, whoever asked for it, raises
 * the table's alert for a health condition that started or cleared since the last one. Nothing runs until `start()`, the event-loop probe
 * included, so a runtime that is built and never started costs nothing.
 * Throws ConfigError when JOB_SCHEDULES names a rule or zone node-schedule cannot use.
 */
export function createJobRuntime(options: JobRuntimeOptions): JobRuntime {
  const { engine, clock, logger } = options;
  let eventLoop: EventLoopProbe | undefined;
  const tracker = createJobTracker({ clock, logger, alerts: options.alerts });
  const heartbeat = createHeartbeat({ url: options.heartbeat.url, method: options.heartbeat.method, clock });
  const healthCache = createHealthCache(() =>
    collectHealth({
      clock,
      startedAt: options.startedAt,
      jobs: () => scheduler.health(),
      dependencies: options.dependencies,
      lastBarTimes: () =>
        listLastBarTimes({
          accountIds: () => engine.accounts().map((a) => a.id),
          watchlist: engine.market.watchlist,
          barVenueOf: engine.market.barVenueOf,
          timeframes: options.scanTimeframes,
          lastBarTime: async (venue, symbol, timeframe) => (await engine.market.bars(venue, symbol, timeframe, 1))[0]?.t,
        }),
      outboxDepth: options.outboxDepth,
      heartbeat: heartbeat.status,
      ...(eventLoop === undefined ? {} : { eventLoop }),
    }),
    {},
    (change) => raiseAll(options.alerts, healthChangeAlerts(change), logger),
  );
  const deps: JobDeps = { engine, clock, tracker, health: healthCache.refresh, heartbeat, alerts: options.alerts, outcomes: options.outcomes, reports: options.reports };
  const scheduler = createJobScheduler(options.jobs, deps, logger, { tracker, clock, overrides: options.overrides });
  return {
    scheduler,
    tracker,
    heartbeat,
    health: healthCache.refresh,
    healthCache,
    start() {
      eventLoop ??= createEventLoopProbe({ startedAt: clock() });
      return scheduler.start();
    },
    async stop() {
      await scheduler.stop();
      eventLoop?.stop();
    },
  };
}

/** A health report is still worth returning when its alert could not be queued: logged instead. */
async function raiseAll(alerts: AlertSink, raised: readonly AlertInput[], logger: Logger): Promise<void> {
  for (const alert of raised) {
    await alerts.raise(alert).catch((error: unknown) => logger.error({ err: error, alert: alert.type }, 'could not raise a health alert'));
  }
}
