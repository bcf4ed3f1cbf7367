import { Agent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import type { Update } from 'grammy/types';
import type { UpdateQueue } from './create-update-queue.js';
import { postUpdate, readReply } from './post-update.js';

export interface WebhookOptions {
  /** Deliver to this origin instead of the registered URL's (its path and query are kept). */
  origin?: string;
  /** Redelivery backoff after a failed delivery: doubles from `initialMs` up to `maxMs`. Default 100 → 2,000. */
  backoff?: { initialMs: number; maxMs: number };
  /** How long a delivery may take before it counts as failed. Default 60 s. */
  timeoutMs?: number;
}

export interface WebhookRegistration {
  url: string;
  secretToken: string | undefined;
  maxConnections: number;
}

export interface WebhookAttempt {
  readonly updateId: number;
  readonly at: number;
  /** The bot's HTTP status, or 0 when the request failed without one. */
  readonly status: number;
  readonly error?: string;
}

interface DelivererDeps {
  queue: UpdateQueue;
  now: () => number;
  isDown: () => boolean;
  /** A webhook reply: the bot answered the update with a method call in the body. */
  onReply: (method: string, payload: Record<string, unknown>) => void;
}

/**
 * Telegram's side of a webhook: POSTs each pending update to the URL with the secret
 * header, at most `max_connections` at once, one update per connection at a time, and
 * redelivers an update after a short backoff until the bot answers 2xx.
 */
export function createWebhookDeliverer(deps: DelivererDeps, options: WebhookOptions = {}) {
  const backoff = options.backoff ?? { initialMs: 100, maxMs: 2_000 };
  let registration: WebhookRegistration | undefined;
  let origin = options.origin;
  let agent: Agent | HttpsAgent | undefined;
  const inFlight = new Set<number>();
  const failures = new Map<number, { count: number; notBefore: number }>();
  const attempts: WebhookAttempt[] = [];
  let lastError: { date: number; message: string } | undefined;
  let wakeTimer: NodeJS.Timeout | undefined;

  const target = (url: string): URL => {
    const parsed = new URL(url);
    return origin === undefined ? parsed : new URL(parsed.pathname + parsed.search, origin);
  };

  const pump = (): void => {
    if (registration === undefined) return;
    if (deps.isDown()) return wakeIn(backoff.initialMs);
    const ready = deps.queue.pending().filter((u) => !inFlight.has(u.update_id));
    for (const update of ready) {
      if (inFlight.size >= registration.maxConnections) return;
      const waitMs = (failures.get(update.update_id)?.notBefore ?? 0) - Date.now();
      if (waitMs > 0) {
        wakeIn(waitMs);
        continue;
      }
      inFlight.add(update.update_id);
      void deliver(registration, update).finally(() => {
        inFlight.delete(update.update_id);
        pump();
      });
    }
  };

  const wakeIn = (ms: number): void => {
    if (wakeTimer !== undefined) return;
    wakeTimer = setTimeout(() => {
      wakeTimer = undefined;
      pump();
    }, ms).unref();
  };

  const deliver = async (reg: WebhookRegistration, update: Update): Promise<void> => {
    const outcome = await postUpdate(target(reg.url), reg.secretToken, update, agent, options.timeoutMs ?? 60_000);
    attempts.push({ updateId: update.update_id, at: deps.now(), status: outcome.status, ...(outcome.error === undefined ? {} : { error: outcome.error }) });
    if (outcome.status >= 200 && outcome.status < 300) {
      failures.delete(update.update_id);
      deps.queue.confirm(update.update_id);
      readReply(outcome.body, deps.onReply);
      return;
    }
    // A failure of a delivery to a webhook since replaced or removed says nothing of the new one.
    if (registration !== reg) return;
    lastError = { date: Math.floor(deps.now() / 1000), message: outcome.error ?? `Wrong response from the webhook: ${outcome.status} ${outcome.statusText}` };
    const count = (failures.get(update.update_id)?.count ?? 0) + 1;
    failures.set(update.update_id, { count, notBefore: Date.now() + Math.min(backoff.maxMs, backoff.initialMs * 2 ** (count - 1)) });
  };

  const set = (next: WebhookRegistration): void => {
    agent?.destroy();
    registration = next;
    agent = new (next.url.startsWith('https:') && origin === undefined ? HttpsAgent : Agent)({ keepAlive: true, maxSockets: next.maxConnections });
    failures.clear();
    pump();
  };

  const clear = (): void => {
    registration = undefined;
    agent?.destroy();
    agent = undefined;
    lastError = undefined;
  };

  deps.queue.onPush(pump);

  return {
    set,
    clear,
    isSet: () => registration !== undefined,
    registration: () => registration,
    setOrigin: (next: string | undefined) => {
      origin = next;
      pump();
    },
    lastError: () => lastError,
    attempts,
    inFlight: () => inFlight.size,
    close: () => {
      clearTimeout(wakeTimer);
      clear();
    },
  };
}

export type WebhookDeliverer = ReturnType<typeof createWebhookDeliverer>;
