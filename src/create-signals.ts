import type { Api, Bot, Context } from 'grammy';
import type { Config } from './config.js';
import type { Logger } from './logger.js';
import type { Delivery } from './create-delivery.js';
import type { Engine, TaskTracker } from './engine/index.js';
import type { EventBus } from './engine/events.js';
import type { JobState } from './jobs/create-job-tracker.js';
import type { BreakerState } from './resilience/create-venue-policy.js';
import type { Store } from './store/open-store.js';
import type { DecisionCounts } from './metrics/decision-tally.js';
import { createTelegram429Counter } from './metrics/count-telegram-429.js';
import { createEventTally } from './metrics/event-tally.js';
import { createMetrics } from './metrics/create-metrics.js';
import { timeUpdates } from './metrics/time-updates.js';
import { createUpdateRecorder } from './metrics/update-recorder.js';
import { createMetricsHandler } from './server/handle-metrics.js';
import { createSignalRoutes } from './server/create-signal-routes.js';
import type { HealthReport } from './server/create-server.js';
import { startHttpServer, type RunningHttpServer } from './server/start-http-server.js';
import { createOutbound } from './create-outbound.js';
import { createSignalInbound } from './create-signal-inbound.js';
import type { SignalsPanel } from './signals/signals-panel.js';

export interface SignalsInput {
  readonly config: Config;
  readonly store: Pick<Store, 'document'>;
  readonly engine: Engine;
  readonly events: EventBus;
  readonly tasks: TaskTracker;
  readonly delivery: Delivery;
  readonly logger: Logger;
  readonly clock: () => Date;
  /** Read at scrape time; the runtime and the breakers exist by then. */
  readonly jobs: () => readonly JobState[];
  readonly breakers: () => readonly { name: string; state: BreakerState }[];
  readonly decisions: () => DecisionCounts;
}

/**
 * Signals in and out, and what /metrics reads: the signed webhook outbox (engine events
 * and alerts → SIGNAL_WEBHOOKS), `/signals/<id>` (INBOUND_SIGNALS → proposals for
 * approval), `/metrics`, and in polling and local mode the HTTP_PORT server for both.
 */
export async function createSignals(input: SignalsInput) {
  const { config, engine, logger } = input;
  const isLive = (accountId: string) => engine.account(accountId)?.live === true;
  const outbound = await createOutbound({ ...input, alerts: input.delivery.alerts, isLive });
  const inbound = await createSignalInbound({ config, store: input.store, engine, logger, clock: input.clock, isLive });
  const updates = createUpdateRecorder();
  const telegram429 = createTelegram429Counter();
  const tally = createEventTally();
  input.events.subscribe(tally.listener);
  const metrics = createMetrics({
    updates,
    outboxDepth: () => ({ alerts: input.delivery.alerts.depth(), messages: input.delivery.outbox.depth(), webhooks: outbound.outbox?.depth() ?? 0 }),
    telegram429: telegram429.count,
    breakers: input.breakers,
    liveTrading: () => ({ proposals: engine.listProposals(), orders: Object.values(input.store.document.read().trading.orders) }),
    decisions: input.decisions,
    events: tally,
    jobs: input.jobs,
    webhooks: () => outbound.outbox?.status() ?? [],
    signals: inbound.stats.all,
  });
  const routes = createSignalRoutes({
    ...(inbound.handler === undefined ? {} : { signals: inbound.handler }),
    metrics: createMetricsHandler({ token: config.metricsToken, render: metrics.render, logger }),
    logger,
  });
  const panel: SignalsPanel | undefined =
    config.signals.endpoints.length === 0 && config.signals.sources.length === 0
      ? undefined
      : {
          endpoints: () => outbound.outbox?.status() ?? [],
          sources: inbound.status,
          test: async (id) => outbound.outbox?.ping(id),
          resume: async (id) => outbound.outbox?.resume(id) ?? 'unknown',
        };
  let server: RunningHttpServer | undefined;
  return {
    /** Raise through this: each alert also goes out as `alert.raised`. */
    alerts: outbound.alerts,
    panel,
    /** `/signals/<id>` and `/metrics`, for the webhook server. */
    routes,
    /** Times updates and counts Telegram's 429s on the bot's Api and the outboxes' one. */
    instrument<C extends Context>(bot: Bot<C>, deliveryApi: Api): void {
      timeUpdates(bot, updates);
      bot.api.config.use(telegram429.transformer);
      deliveryApi.config.use(telegram429.transformer);
    },
    /** Starts the webhook loops, and in polling and local mode the HTTP_PORT server. */
    async start(health: () => HealthReport): Promise<void> {
      outbound.start();
      if (config.mode === 'webhook') {
        if (config.http.port !== undefined) logger.warn({ port: config.http.port }, 'HTTP_PORT is for polling and local mode; in webhook mode /signals and /metrics are on PORT');
        return;
      }
      if (config.http.port !== undefined) server = await startHttpServer({ port: config.http.port, host: config.http.host, routes, health, logger });
    },
    /** No new signals first, then the loops stop; queued events wait for the next start. */
    async stop(): Promise<void> {
      await server?.close();
      outbound.stop();
    },
  };
}

export type Signals = Awaited<ReturnType<typeof createSignals>>;
