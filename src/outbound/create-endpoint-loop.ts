import { webhookFailedAlert, webhookPausedAlert } from '../alerts/alert-table.js';
import { createHeadOfLineLoop } from '../outbox/head-of-line-loop.js';
import type { AlertSink } from '../engine/ports/alert-sink.js';
import type { Logger } from '../logger.js';
import type { Timers } from '../outbox/timers.js';
import type { DeliveryResult } from './classify-response.js';
import { backoffDelayMs, type RetryPolicy } from './retry-policy.js';
import type { WebhookEntry, WebhookOutboxPort } from './webhook-outbox-port.js';

/** Deliveries of one endpoint since start, by result: what /metrics counts. */
export interface DeliveryCounts {
  delivered: number;
  retried: number;
  refused: number;
  exhausted: number;
}

export interface EndpointLoopDeps {
  readonly endpointId: string;
  readonly port: WebhookOutboxPort;
  readonly deliver: (entry: WebhookEntry) => Promise<DeliveryResult>;
  readonly policy: RetryPolicy;
  readonly alerts: AlertSink;
  readonly clock: () => Date;
  readonly timers: Timers;
  readonly random: () => number;
  readonly logger: Pick<Logger, 'info' | 'warn' | 'error'>;
}

/**
 * One endpoint's delivery loop: its events strictly in order, one at a time. An event
 * leaves the outbox once the receiver answered 2xx, or once it is given up on (refused,
 * or not accepted within the retry window), with a HIGH alert naming event and endpoint.
 * While the head waits for its retry, the events behind it wait too: order is kept.
 */
export function createEndpointLoop(deps: EndpointLoopDeps) {
  const { endpointId, port } = deps;
  const counts: DeliveryCounts = { delivered: 0, retried: 0, refused: 0, exhausted: 0 };
  // Completions are written in the background: a crash before one is on disk redelivers
  // that event with the same webhook-id (at least once), and the loop is not held up by
  // an fsync per event.
  const writes = new Set<Promise<void>>();
  const loop = createHeadOfLineLoop<WebhookEntry>({
    head: () => {
      const state = port.state(endpointId);
      return state.paused === undefined ? state.entries[0] : undefined;
    },
    dueAt: (entry) => entry.nextAttemptAt,
    step,
    onStepError: (error) => deps.logger.error({ err: error, endpoint: endpointId }, 'webhook delivery step failed; retried'),
    timers: deps.timers,
    clock: deps.clock,
  });
  const { kick } = loop;

  async function step(entry: WebhookEntry): Promise<void> {
    // Recorded even if the loop stopped meanwhile: a delivery that happened is not repeated.
    const result = await deps.deliver(entry);
    switch (result.kind) {
      case 'delivered':
        counts.delivered += 1;
        background(port.delivered(endpointId, entry.id, outcome(entry, `${result.status} in ${result.ms} ms`)));
        return;
      case 'refused':
        counts.refused += 1;
        return giveUp(entry, result.reason, 'refused');
      case 'retry':
        return retry(entry, result);
    }
  }

  async function retry(entry: WebhookEntry, result: Extract<DeliveryResult, { kind: 'retry' }>): Promise<void> {
    const attempts = entry.attempts + 1;
    const now = deps.clock().getTime();
    const delay = result.retryAfterMs ?? backoffDelayMs(deps.policy, attempts, deps.random);
    if (now + delay > Date.parse(entry.createdAt) + deps.policy.retryForMs) {
      counts.exhausted += 1;
      return giveUp(entry, `not accepted within ${formatWindow(deps.policy.retryForMs)} (${attempts} attempts; last: ${result.reason})`, 'exhausted');
    }
    counts.retried += 1;
    deps.logger.warn({ endpoint: endpointId, webhook_id: entry.id, event: entry.type, attempts, retry_in_ms: delay, reason: result.reason }, 'webhook not delivered yet; it stays in the outbox');
    await port.retryLater(endpointId, entry.id, { attempts, nextAttemptAt: new Date(now + delay).toISOString(), lastError: result.reason }, outcome(entry, `${result.reason}; retrying`));
  }

  async function giveUp(entry: WebhookEntry, reason: string, kind: 'refused' | 'exhausted'): Promise<void> {
    const { paused, consecutiveFailures } = await port.failed(endpointId, entry.id, outcome(entry, `${reason}; dropped`), deps.policy.pauseAfter);
    deps.logger.error({ endpoint: endpointId, webhook_id: entry.id, event: entry.type, reason }, 'webhook given up');
    await deps.alerts.raise(webhookFailedAlert({ endpointId, eventType: entry.type, eventId: entry.id, reason, refusedByReceiver: kind === 'refused' }));
    if (!paused) return;
    await deps.alerts.raise(webhookPausedAlert({ endpointId, consecutiveFailures, waiting: port.state(endpointId).entries.length }));
  }

  const outcome = (entry: WebhookEntry, detail: string) => ({ at: deps.clock().toISOString(), eventId: entry.id, type: entry.type, detail });

  function background(write: Promise<void>): void {
    const tracked = write.catch((error: unknown) => deps.logger.error({ err: error, endpoint: endpointId }, 'recording a delivery failed; the event may be delivered again')).finally(() => writes.delete(tracked));
    writes.add(tracked);
  }

  return {
    kick,
    start: loop.start,
    stop: loop.stop,
    counts: (): Readonly<DeliveryCounts> => ({ ...counts }),
    /** Whether an attempt is on its way now. */
    busy: loop.busy,
    /** Resolves once the completions written so far are on disk. */
    flushed: async (): Promise<void> => {
      await Promise.all([...writes]);
    },
  };
}

export type EndpointLoop = ReturnType<typeof createEndpointLoop>;

function formatWindow(ms: number): string {
  return ms % 3_600_000 === 0 ? `${ms / 3_600_000} h` : ms % 60_000 === 0 ? `${ms / 60_000} min` : `${ms / 1000} s`;
}
