import type { Bot } from 'grammy';
import type { WebhookConfig } from '../config.js';
import type { Logger } from '../logger.js';
import { ALLOWED_UPDATES } from '../bot/allowed-updates.js';
import type { BotContext } from '../bot/context.js';
import { toGrammySignal } from '../bot/grammy-signal.js';
import type { RunningTransport } from '../bot/running-transport.js';
import { createWebhookServer, type HealthReport, type WebhookServerOptions } from './create-server.js';

/**
 * Connections allowed beyond the `max_connections` Telegram was given: room for the
 * platform's /healthz probes and a proxy's spare connection while Telegram uses all of its own.
 */
export const CONNECTION_HEADROOM = 10;

export interface WebhookModeOptions {
  bot: Bot<BotContext>;
  webhook: WebhookConfig;
  logger: Logger;
  health: () => HealthReport;
  /** Aborts start-up: the server is closed again and the promise rejects. */
  signal?: AbortSignal;
  /** `/signals/<id>` and `/metrics` on the same port. */
  routes?: WebhookServerOptions['routes'];
}

/**
 * Listens first (so /healthz answers 503 "starting" to the platform's probe), then
 * registers the webhook with Telegram. The webhook is left registered on shutdown:
 * Telegram keeps the updates until we are back, so none is lost across a deploy.
 */
export async function startWebhook(options: WebhookModeOptions): Promise<RunningTransport> {
  const { bot, webhook, logger, signal } = options;
  const server = createWebhookServer({
    webhookPath: webhook.path,
    secretToken: webhook.secret,
    bot,
    health: options.health,
    logger,
    maxConnections: webhook.maxConnections + CONNECTION_HEADROOM,
    ...(options.routes === undefined ? {} : { routes: options.routes }),
  });
  const { port } = await server.listen(webhook.port, webhook.host);
  try {
    signal?.throwIfAborted();
    await bot.init(toGrammySignal(signal));
    await bot.api.setWebhook(
      webhook.url,
      { secret_token: webhook.secret, allowed_updates: [...ALLOWED_UPDATES], max_connections: webhook.maxConnections, drop_pending_updates: false },
      toGrammySignal(signal),
    );
  } catch (error) {
    // Nothing was accepted yet that must finish: the port is freed before the error goes up.
    await server.close();
    throw error;
  }
  logger.info({ port, path: webhook.path }, 'webhook registered; listening');

  let resolveDone: () => void = () => undefined;
  const done = new Promise<void>((resolve) => {
    resolveDone = resolve;
  });
  return {
    label: 'WEBHOOK',
    done,
    stop: async () => {
      await server.close();
      resolveDone();
    },
  };
}
