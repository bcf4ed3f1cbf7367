import type { Bot } from 'grammy';
import type { WebhookConfig } from '../config.js';
import type { Logger } from '../logger.js';
import { ALLOWED_UPDATES } from '../bot/allowed-updates.js';
import type { BotContext } from '../bot/context.js';
import type { RunningTransport } from '../bot/running-transport.js';
import { createWebhookServer, type WebhookServerOptions } from './create-server.js';

export interface WebhookModeOptions {
  bot: Bot<BotContext>;
  webhook: WebhookConfig;
  logger: Logger;
  health: () => { status: 'starting' | 'ok' | 'stopping' | 'degraded'; mode: string; uptimeSeconds: number; version: string };
  /** `/signals/<id>` and `/metrics` on the same port. */
  routes?: WebhookServerOptions['routes'];
}

/**
 * Listens first (so /healthz answers 503 "starting" to the platform's probe), then
 * registers the webhook with Telegram. The webhook is left registered on shutdown:
 * Telegram keeps the updates until we are back, so none is lost across a deploy.
 */
export async function startWebhook(options: WebhookModeOptions): Promise<RunningTransport> {
  const { bot, webhook, logger } = options;
  const server = createWebhookServer({ webhookPath: webhook.path, secretToken: webhook.secret, bot, health: options.health, logger, ...(options.routes === undefined ? {} : { routes: options.routes }) });
  const { port } = await server.listen(webhook.port, webhook.host);
  await bot.init();
  await bot.api.setWebhook(webhook.url, {
    secret_token: webhook.secret,
    allowed_updates: [...ALLOWED_UPDATES],
    max_connections: webhook.maxConnections,
    drop_pending_updates: false,
  });
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
