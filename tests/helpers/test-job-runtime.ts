import { JOBS } from '../../schedules/index.js';
import type { AlertDispatcher } from '../../src/alerts/create-alert-dispatcher.js';
import type { BotDeps } from '../../src/bot/context.js';
import { createReportSender } from '../../src/bot/report-sender.js';
import type { Config } from '../../src/config.js';
import type { Engine } from '../../src/engine/index.js';
import { createJobRuntime, type JobRuntime } from '../../src/jobs/create-job-runtime.js';
import type { JobDeps } from '../../src/jobs/job-deps.js';
import type { ScheduledJob } from '../../src/jobs/scheduled-job.js';
import type { Logger } from '../../src/logger.js';
import type { MessageOutbox } from '../../src/outbox/create-message-outbox.js';
import { createAlertSettingsRepository } from '../../src/store/alert-outbox-repository.js';
import type { StoreDocument } from '../../src/store/open-store.js';

export interface TestJobRuntimeInput {
  readonly config: Config;
  readonly engine: Engine;
  readonly alerts: AlertDispatcher;
  /** Where the daily and weekly reports go. */
  readonly outbox: Pick<MessageOutbox, 'send' | 'depth'>;
  readonly reportChats: readonly number[];
  readonly logger: Logger;
  readonly clock: () => Date;
  /** Default: every job under schedules/. */
  readonly jobs?: readonly ScheduledJob<JobDeps>[];
}

/**
 * The real job runtime wired the way src/app.ts wires it, minus the breakers (no real
 * venue in tests). Not started: nothing runs until `start()`.
 */
export function createTestJobRuntime(input: TestJobRuntimeInput): JobRuntime {
  const { config, engine, alerts } = input;
  return createJobRuntime({
    jobs: input.jobs ?? JOBS,
    engine,
    scanTimeframes: config.market.scanTimeframes,
    logger: input.logger,
    clock: input.clock,
    startedAt: input.clock(),
    overrides: config.jobs.overrides,
    heartbeat: config.heartbeat,
    alerts,
    outboxDepth: () => alerts.depth() + input.outbox.depth(),
    dependencies: () => [],
    outcomes: engine.outcomes,
    reports: createReportSender(engine, input.outbox, input.reportChats),
  });
}

/** The BotDeps beyond the core that src/app.ts wires: jobs and health from the runtime, alert settings from the store. */
export function botDepsOf(runtime: JobRuntime, config: Config, document: StoreDocument): Pick<BotDeps, 'jobs' | 'health' | 'alertSettings' | 'displayTimezone'> {
  return { jobs: runtime.scheduler, health: runtime.health, alertSettings: createAlertSettingsRepository({ document }), displayTimezone: config.displayTimezone };
}
