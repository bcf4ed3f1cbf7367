import type { Logger } from '../logger.js';
import type { AlertEntry, AlertOutboxPort, ChatAlertSettings } from './alert-outbox-port.js';
import type { AlertRenderer, AlertSend } from './alert-transport.js';
import { planNextMessage, type PlannedMessage } from './plan-next-message.js';
import { resendPatch } from './resend-schedule.js';
import { retryDelayMs, toSendFailure, type SendFailure } from '../outbox/send-failure.js';
import { splitMessage } from './split-message.js';
import type { SendGate, SendPriority } from '../outbox/send-gate.js';
import { withTimeout, type Timers } from '../outbox/timers.js';

export type AlertLogger = Pick<Logger, 'debug' | 'info' | 'warn' | 'error'>;

export interface ChatDeliveryDeps {
  chatId: number;
  outbox: AlertOutboxPort;
  send: AlertSend;
  render: AlertRenderer;
  clock: () => Date;
  timers: Timers;
  logger: AlertLogger;
  settings: () => ChatAlertSettings;
  /** Telegram's limits per chat and overall, shared with every other message the bot sends. */
  gate: SendGate;
  windowMs: number;
  gatherMs: number;
  sendTimeoutMs: number;
  /** Keys (`id@chatId`) of entries being sent, shared with `raise` so nothing counts into them. */
  inFlight: Set<string>;
}

/** A message being delivered part by part; kept across a failure once a part got through. */
interface Job {
  message: PlannedMessage;
  parts: string[];
  next: number;
  /** Parts Telegram refused as HTML and that now go as plain text. */
  plain: Set<number>;
}

export interface ChatStatus {
  chatId: number;
  failures: number;
  /** When this chat may be sent to next: pacing, a 429 pause or a backoff. */
  notBefore: number;
  /** Why the last send failed; cleared by the next success. */
  lastFailure?: SendFailure['kind'];
}

const priorityOf = (severity: string): SendPriority => (severity === 'CRITICAL' ? 'critical' : severity === 'HIGH' ? 'high' : 'normal');

export const entryKey = (e: Pick<AlertEntry, 'id' | 'chatId'>) => `${e.id}@${e.chatId}`;

/**
 * One chat's delivery loop: one message at a time, spaced by the chat's rate limit, each
 * planned afresh from the outbox so a CRITICAL raised meanwhile goes next. Entries leave
 * the outbox only after Telegram accepted every part of their message.
 */
export function createChatDelivery(deps: ChatDeliveryDeps) {
  let timer: unknown;
  let running = false;
  let stopped = true;
  let notBefore = 0;
  let failures = 0;
  let lastFailure: SendFailure['kind'] | undefined;
  let lastDigestAt: number | undefined;
  let job: Job | undefined;

  function kick(): void {
    if (stopped) return;
    // A send in flight re-plans when it ends, seeing whatever was raised meanwhile.
    if (running) return;
    if (timer !== undefined) deps.timers.clearTimeout(timer);
    timer = undefined;
    const now = deps.clock();
    // A job with parts still to go is finished first; otherwise plan from the outbox.
    const plan = job === undefined ? planNow(now) : undefined;
    if (plan?.kind === 'idle') return;
    const at = Math.max(plan?.kind === 'wait' ? plan.at : 0, notBefore);
    if (at > now.getTime()) {
      timer = deps.timers.setTimeout(() => {
        timer = undefined;
        kick();
      }, at - now.getTime());
      return;
    }
    running = true;
    void step(plan?.kind === 'send' ? plan.message : undefined).finally(() => {
      running = false;
      kick();
    });
  }

  function planNow(now: Date) {
    const entries = deps.outbox.list(deps.chatId).filter((e) => !deps.inFlight.has(entryKey(e)));
    return planNextMessage({ entries, now, settings: deps.settings(), lastDigestAt, windowMs: deps.windowMs, gatherMs: deps.gatherMs, render: deps.render });
  }

  /**
   * Sends the next part of the current job, or of a new one. The turn in the shared gate
   * comes first and the message is planned after it, so what was raised while waiting
   * (a CRITICAL) is what goes.
   */
  async function step(message: PlannedMessage | undefined): Promise<void> {
    const waitingFor = job?.message ?? message;
    if (waitingFor === undefined) return;
    // CRITICAL, then HIGH, go first through the shared gate, in every chat.
    const done = await deps.gate.acquire(deps.chatId, priorityOf(waitingFor.severity));
    try {
      await stepNow();
    } finally {
      done();
    }
  }

  async function stepNow(): Promise<void> {
    if (stopped) return;
    const fresh = job === undefined ? planNow(deps.clock()) : undefined;
    const current = job ?? (fresh?.kind === 'send' ? startJob(fresh.message) : undefined);
    if (current === undefined) return;
    const index = current.next;
    const isLast = index === current.parts.length - 1;
    const plain = current.plain.has(index);
    try {
      const options = {
        ...(plain ? {} : { parseMode: 'HTML' as const }),
        ...(current.message.silent ? { disableNotification: true } : {}),
        ...(isLast && current.message.keyboard !== undefined ? { keyboard: current.message.keyboard } : {}),
      };
      await withTimeout(deps.timers, deps.sendTimeoutMs, deps.send(deps.chatId, current.parts[index] ?? '', options));
    } catch (error) {
      await onFailure(current, error).catch((e: unknown) => deps.logger.error({ err: e, chat_id: deps.chatId }, 'could not record an alert send failure'));
      return;
    }
    failures = 0;
    lastFailure = undefined;
    current.next += 1;
    if (current.next < current.parts.length) return;
    await finish(current).catch((error: unknown) => deps.logger.error({ err: error, chat_id: deps.chatId }, 'delivered alerts not cleared from the outbox; they may be sent again'));
  }

  function startJob(message: PlannedMessage): Job {
    for (const entry of message.entries) deps.inFlight.add(entryKey(entry));
    job = { message, parts: splitMessage(message.html), next: 0, plain: new Set() };
    return job;
  }

  function endJob(current: Job): void {
    for (const entry of current.message.entries) deps.inFlight.delete(entryKey(entry));
    job = undefined;
  }

  /**
   * Accepted: INFO/WARNING/HIGH leave the outbox; an unacknowledged CRITICAL stays for its
   * reminders. Decided against the outbox as it is now: an Acknowledge pressed during the
   * send has already removed or marked the entry.
   */
  async function finish(current: Job): Promise<void> {
    const now = deps.clock();
    if (current.message.severity === 'INFO' || current.message.severity === 'WARNING') lastDigestAt = now.getTime();
    const stored = new Map(deps.outbox.list(deps.chatId).map((e) => [entryKey(e), e]));
    const keep = current.message.entries
      .map((e) => stored.get(entryKey(e)))
      .filter((e): e is AlertEntry => e !== undefined && e.severity === 'CRITICAL' && e.acknowledgedAt === undefined);
    const gone = current.message.entries.filter((e) => !keep.some((k) => entryKey(k) === entryKey(e)));
    // Both writes start in this tick, and the entries stay in flight until they are done,
    // so an alert raised meanwhile is never counted into an entry that is being removed.
    try {
      await Promise.all([
        keep.length === 0 ? undefined : deps.outbox.update(keep.map((e) => ({ ref: e, patch: resendPatch(e, now) }))),
        gone.length === 0 ? undefined : deps.outbox.remove(gone),
      ]);
    } finally {
      endJob(current);
    }
  }

  async function onFailure(current: Job, error: unknown): Promise<void> {
    const failure = toSendFailure(error);
    const now = deps.clock().getTime();
    if (failure.kind === 'bad_format' && !current.plain.has(current.next)) {
      deps.logger.warn({ err: error, chat_id: deps.chatId }, 'Telegram refused the alert HTML; sending it as plain text');
      current.parts[current.next] = deps.render.plain(current.parts[current.next] ?? '');
      current.plain.add(current.next);
      return;
    }
    lastFailure = failure.kind;
    // A 429 is Telegram pacing us, not a failure: it waits exactly retry_after, no backoff.
    if (failure.kind === 'rate_limited') deps.gate.holdChat(deps.chatId, failure.retryAfterMs);
    else failures += 1;
    notBefore = now + retryDelayMs(failure, failures);
    logFailure(failure, error);
    // Nothing got through yet: re-plan next time, so a newer CRITICAL can go first.
    if (current.next === 0) endJob(current);
    const nextAttemptAt = new Date(notBefore).toISOString();
    const stored = new Map(deps.outbox.list(deps.chatId).map((e) => [entryKey(e), e]));
    const changes = current.message.entries.map((e) => ({ ref: e, patch: { attempts: (stored.get(entryKey(e))?.attempts ?? 0) + 1, nextAttemptAt } }));
    await deps.outbox.update(changes);
  }

  function logFailure(failure: SendFailure, error: unknown): void {
    const fields = { err: error, chat_id: deps.chatId, failure: failure.kind, retry_at: new Date(notBefore).toISOString() };
    if (failure.kind === 'refused') deps.logger.error(fields, 'Telegram refused an alert; it stays in the outbox and is retried');
    else deps.logger.warn(fields, 'alert not delivered yet; it stays in the outbox');
  }

  return {
    kick,
    /** Telegram answers again: a backoff after failures ends now (a 429's wait stays). */
    wake() {
      if (lastFailure === undefined || lastFailure === 'rate_limited') return;
      notBefore = 0;
      kick();
    },
    start() {
      stopped = false;
      kick();
    },
    stop() {
      stopped = true;
      if (timer !== undefined) deps.timers.clearTimeout(timer);
      timer = undefined;
    },
    status: (): ChatStatus => ({ chatId: deps.chatId, failures, notBefore, ...(lastFailure === undefined ? {} : { lastFailure }) }),
  };
}

export type ChatDelivery = ReturnType<typeof createChatDelivery>;
