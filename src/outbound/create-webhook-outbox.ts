import { createHash, randomUUID } from 'node:crypto';
import type { AlertInput, AlertSink } from '../engine/ports/alert-sink.js';
import type { Logger } from '../logger.js';
import { globalTimers, type Timers } from '../outbox/timers.js';
import type { DeliveryResult } from './classify-response.js';
import { createEndpointLoop, type DeliveryCounts, type EndpointLoop } from './create-endpoint-loop.js';
import type { WebhookTarget } from './create-webhook-poster.js';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry-policy.js';
import type { WebhookEvent } from './to-webhook-event.js';
import type { DeliveryOutcome, WebhookOutboxPort } from './webhook-outbox-port.js';
import type { WebhookEventType } from './webhook-payloads.js';

/** One receiver (SIGNAL_WEBHOOKS), with the signer of its own secret. */
export interface WebhookEndpoint extends WebhookTarget {
  readonly id: string;
  readonly events: readonly WebhookEventType[];
}

export interface WebhookOutboxDeps {
  readonly endpoints: readonly WebhookEndpoint[];
  readonly port: WebhookOutboxPort;
  readonly post: (target: WebhookTarget, id: string, body: string) => Promise<DeliveryResult>;
  /** Where failures are reported (the alert outbox); alerts it raises also go out as `alert.raised`. */
  readonly alerts: AlertSink;
  readonly clock: () => Date;
  readonly logger: Pick<Logger, 'info' | 'warn' | 'error'>;
  readonly policy?: RetryPolicy;
  readonly timers?: Timers;
  /** The jitter's randomness; tests seed it. */
  readonly random?: () => number;
}

/** What /webhooks shows of one endpoint. */
export interface EndpointStatus {
  readonly id: string;
  readonly host: string;
  readonly events: readonly WebhookEventType[];
  readonly waiting: number;
  readonly oldestAt?: string;
  /** When the head is retried next, and why it failed last. */
  readonly nextAttemptAt?: string;
  readonly lastError?: string;
  readonly paused?: { readonly at: string; readonly reason: string };
  readonly lastSuccess?: DeliveryOutcome;
  readonly lastFailure?: DeliveryOutcome;
  readonly counts: DeliveryCounts;
}

/**
 * Signed outbound webhooks, durably (DESIGN principle 6): `publish` resolves once the
 * event is in every subscribed endpoint's outbox on disk; each endpoint's loop then
 * delivers in order and removes an event only once it was accepted or given up on.
 */
export function createWebhookOutbox(deps: WebhookOutboxDeps) {
  const policy = deps.policy ?? DEFAULT_RETRY_POLICY;
  const byId = new Map(deps.endpoints.map((e) => [e.id, e]));
  const loops = new Map<string, EndpointLoop>();
  for (const endpoint of deps.endpoints) {
    loops.set(
      endpoint.id,
      createEndpointLoop({
        endpointId: endpoint.id,
        port: deps.port,
        deliver: (entry) => deps.post(endpoint, entry.id, entry.body),
        policy,
        // An alert about this endpoint goes to the others, not to the one that is failing.
        alerts: { raise: async (alert) => raiseAndPublish(alert, endpoint.id) },
        clock: deps.clock,
        timers: deps.timers ?? globalTimers,
        random: deps.random ?? Math.random,
        logger: deps.logger,
      }),
    );
  }

  const bodyOf = (type: WebhookEventType, data: unknown) => JSON.stringify({ type, timestamp: deps.clock().toISOString(), data });

  async function publish(event: WebhookEvent, except?: string): Promise<void> {
    const targets = deps.endpoints.filter((e) => e.id !== except && e.events.includes(event.type));
    if (targets.length === 0) return;
    const body = bodyOf(event.type, event.data);
    const createdAt = deps.clock().toISOString();
    const items = targets.map((e) => ({ endpointId: e.id, entry: { id: webhookId(e.id, event.key), type: event.type, body, createdAt, attempts: 0 } }));
    await deps.port.enqueue(items);
    for (const e of targets) loops.get(e.id)?.kick();
  }

  async function raiseAndPublish(alert: AlertInput, except?: string): Promise<void> {
    await deps.alerts.raise(alert);
    await publishAlert(alert, except);
  }

  const publishAlert = (alert: AlertInput, except?: string) =>
    publish({ type: 'alert.raised', key: `alert.raised:${randomUUID()}`, data: { alert: { severity: alert.severity, type: alert.type, title: alert.title, ...(alert.body === undefined ? {} : { body: alert.body }) } } }, except);

  return {
    publish: (event: WebhookEvent) => publish(event),
    /** Publishes `alert.raised` for an alert raised elsewhere (see withWebhookAlerts). */
    publishAlert: (alert: AlertInput) => publishAlert(alert),
    start(): void {
      for (const loop of loops.values()) loop.start();
    },
    stop(): void {
      for (const loop of loops.values()) loop.stop();
    },
    /** Sends a `ping` now, outside the queue (which may be paused or backed up), and says how it went. */
    async ping(endpointId: string): Promise<DeliveryResult | undefined> {
      const endpoint = byId.get(endpointId);
      if (endpoint === undefined) return undefined;
      const body = bodyOf('ping', { endpoint: endpointId, message: 'Test event from Countersign (/webhooks test)' });
      return deps.post(endpoint, `msg_ping_${randomUUID().replaceAll('-', '')}`, body);
    },
    async resume(endpointId: string): Promise<'resumed' | 'not_paused' | 'unknown'> {
      if (!byId.has(endpointId)) return 'unknown';
      const resumed = await deps.port.resume(endpointId);
      loops.get(endpointId)?.kick();
      return resumed ? 'resumed' : 'not_paused';
    },
    status: (): EndpointStatus[] => deps.endpoints.map((e) => statusOf(e, deps.port, loops.get(e.id))),
    depth: (): number => deps.endpoints.reduce((sum, e) => sum + deps.port.state(e.id).entries.length, 0),
    /** Resolves once nothing waits that is due now and every completion is on disk; for tests and the bench. */
    async idle(timeoutMs = 30_000): Promise<void> {
      const deadline = Date.now() + timeoutMs;
      const due = () => deps.endpoints.some((e) => isDue(deps.port.state(e.id), deps.clock()) || loops.get(e.id)?.busy() === true);
      while (due() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 2));
      await Promise.all([...loops.values()].map((l) => l.flushed()));
    },
  };
}

export type WebhookOutbox = ReturnType<typeof createWebhookOutbox>;

/** Stable per event and endpoint: a redelivery, or the same event published again, has the same id. */
export function webhookId(endpointId: string, key: string): string {
  return `msg_${createHash('sha256').update(`${endpointId}\n${key}`).digest('base64url').slice(0, 27)}`;
}

function isDue(state: ReturnType<WebhookOutboxPort['state']>, now: Date): boolean {
  const head = state.entries[0];
  return head !== undefined && state.paused === undefined && (head.nextAttemptAt === undefined || Date.parse(head.nextAttemptAt) <= now.getTime());
}

function statusOf(endpoint: WebhookEndpoint, port: WebhookOutboxPort, loop: EndpointLoop | undefined): EndpointStatus {
  const state = port.state(endpoint.id);
  const head = state.entries[0];
  return {
    id: endpoint.id,
    host: endpoint.url.host,
    events: endpoint.events,
    waiting: state.entries.length,
    ...(head === undefined ? {} : { oldestAt: head.createdAt }),
    ...(head?.nextAttemptAt === undefined ? {} : { nextAttemptAt: head.nextAttemptAt }),
    ...(head?.lastError === undefined ? {} : { lastError: head.lastError }),
    ...(state.paused === undefined ? {} : { paused: state.paused }),
    ...(state.lastSuccess === undefined ? {} : { lastSuccess: state.lastSuccess }),
    ...(state.lastFailure === undefined ? {} : { lastFailure: state.lastFailure }),
    counts: loop?.counts() ?? { delivered: 0, retried: 0, refused: 0, exhausted: 0 },
  };
}
