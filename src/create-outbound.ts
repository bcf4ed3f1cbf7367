import type { Config } from './config.js';
import type { Logger } from './logger.js';
import type { AlertDispatcher } from './alerts/create-alert-dispatcher.js';
import type { TaskTracker } from './engine/index.js';
import type { EventBus } from './engine/events.js';
import type { Store } from './store/open-store.js';
import { createWebhookOutbox, type WebhookOutbox } from './outbound/create-webhook-outbox.js';
import { createWebhookPoster } from './outbound/create-webhook-poster.js';
import { toWebhookEvent } from './outbound/to-webhook-event.js';
import { withWebhookAlerts } from './outbound/with-webhook-alerts.js';
import { createOutboundWebhookRepository } from './store/outbound-webhook-repository.js';
import { VERSION } from './version.js';

export interface OutboundInput {
  readonly config: Config;
  readonly store: Pick<Store, 'document'>;
  /** The alert outbox: failures are reported there. */
  readonly alerts: AlertDispatcher;
  readonly events: EventBus;
  readonly tasks: TaskTracker;
  readonly isLive: (accountId: string) => boolean;
  readonly logger: Logger;
  readonly clock: () => Date;
}

/**
 * The signed webhook outbox, fed by engine events and by every alert raised. Without
 * SIGNAL_WEBHOOKS there is nothing to build, and the signing library is never loaded.
 */
export async function createOutbound(input: OutboundInput): Promise<{ outbox: WebhookOutbox | undefined; alerts: AlertDispatcher; start(): void; stop(): void }> {
  const { config, logger, clock } = input;
  const configured = config.signals.endpoints;
  if (configured.length === 0) return { outbox: undefined, alerts: input.alerts, start: () => undefined, stop: () => undefined };
  const { createSigner } = await import('./outbound/standard-webhooks.js');
  const poster = createWebhookPoster({ allowPrivate: config.signals.allowInsecure, userAgent: `Countersign/${VERSION}`, clock });
  const port = createOutboundWebhookRepository(input.store);
  const outbox = createWebhookOutbox({
    endpoints: configured.map((e) => ({ id: e.id, url: e.url, events: e.events, sign: createSigner(e.secret) })),
    port,
    post: poster.post,
    alerts: input.alerts,
    policy: config.signals.retry,
    clock,
    logger,
  });
  warnAboutOrphans(input.store, configured.map((e) => e.id), logger);
  input.events.subscribe((event) => {
    const webhook = toWebhookEvent(event, input.isLive);
    // Queued in the order the engine emitted them (tasks start in call order).
    if (webhook !== undefined) input.tasks.run(`webhook ${webhook.type}`, () => outbox.publish(webhook));
  });
  const alerts = withWebhookAlerts(input.alerts, outbox, (error) => logger.error({ err: error }, 'an alert could not be queued as a webhook'));
  return {
    outbox,
    alerts,
    start: () => outbox.start(),
    stop() {
      outbox.stop();
      poster.close();
    },
  };
}

/** Events kept for an endpoint that is no longer configured wait; say so once. */
function warnAboutOrphans(store: Pick<Store, 'document'>, ids: readonly string[], logger: Logger): void {
  for (const [id, endpoint] of Object.entries(store.document.read().webhooks.endpoints)) {
    if (!ids.includes(id) && endpoint.entries.length > 0) logger.warn({ endpoint: id, waiting: endpoint.entries.length }, 'events wait for a webhook endpoint that is no longer in SIGNAL_WEBHOOKS; they go out if it is added back');
  }
}
