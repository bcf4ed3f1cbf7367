import type { AlertInput } from '../../src/engine/ports/alert-sink.js';
import { createWebhookOutbox } from '../../src/outbound/create-webhook-outbox.js';
import { createWebhookPoster } from '../../src/outbound/create-webhook-poster.js';
import type { RetryPolicy } from '../../src/outbound/retry-policy.js';
import { createSigner } from '../../src/outbound/standard-webhooks.js';
import type { WebhookEventType } from '../../src/outbound/webhook-payloads.js';
import type { Timers } from '../../src/outbox/timers.js';
import { createOutboundWebhookRepository } from '../../src/store/outbound-webhook-repository.js';
import { createMemoryDocument } from '../helpers/test-engine.js';
import { TEST_WHSEC } from './webhook-receiver.js';

export const ALL_EVENTS: readonly WebhookEventType[] = ['proposal.created', 'proposal.decided', 'proposal.expired', 'order.filled', 'order.unfilled', 'alert.raised'];

export interface OutboxHarnessOptions {
  url: URL;
  policy?: Partial<RetryPolicy>;
  clock?: () => Date;
  timers?: Timers;
  random?: () => number;
  /** The poster's clock (webhook-timestamp); the wall clock unless a test replays old requests. */
  postClock?: () => Date;
  timeoutMs?: number;
  allowPrivate?: boolean;
  document?: ReturnType<typeof createMemoryDocument>;
}

/** The real webhook outbox, repository and poster, on a memory document, alerts recorded. */
export function createOutboxHarness(options: OutboxHarnessOptions) {
  const document = options.document ?? createMemoryDocument();
  const alerts: AlertInput[] = [];
  const poster = createWebhookPoster({ allowPrivate: options.allowPrivate ?? true, userAgent: 'Countersign/test', clock: options.postClock ?? (() => new Date()), ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }) });
  const outbox = createWebhookOutbox({
    endpoints: [{ id: 'desk', url: options.url, events: ALL_EVENTS, sign: createSigner(TEST_WHSEC) }],
    port: createOutboundWebhookRepository({ document }),
    post: poster.post,
    alerts: { raise: async (alert) => void alerts.push(alert) },
    clock: options.clock ?? (() => new Date()),
    logger: { info: () => undefined, warn: () => undefined, error: () => undefined },
    policy: { baseMs: 5_000, maxDelayMs: 3_600_000, retryForMs: 86_400_000, pauseAfter: 5, ...options.policy },
    ...(options.timers === undefined ? {} : { timers: options.timers }),
    ...(options.random === undefined ? {} : { random: options.random }),
  });
  let n = 0;
  /** An `alert.raised` event with a key of its own, titled `event <n>` in publish order. */
  const publish = () => {
    n += 1;
    return outbox.publish({ type: 'alert.raised', key: `test:${n}`, data: { alert: { severity: 'INFO', type: 'test', title: `event ${n}` } } });
  };
  return {
    outbox,
    alerts,
    document,
    publish,
    waiting: () => document.data.webhooks.endpoints.desk?.entries.length ?? 0,
    close: () => {
      outbox.stop();
      poster.close();
    },
  };
}
