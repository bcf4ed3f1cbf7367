import type { Logger } from '../logger.js';
import type { OutboxEntry } from './outbox-message.js';
import { sameContent } from './outbox-message.js';
import type { MessageOutboxPort } from './outbox-port.js';
import type { OutboxTransport } from './outbox-transport.js';
import { findLostSend } from './find-lost-send.js';
import { createHeadOfLineLoop } from './head-of-line-loop.js';
import type { SendGate } from './send-gate.js';
import { retryDelayMs, SendTimeoutError, toSendFailure, type SendFailure } from './send-failure.js';
import { withTimeout, type Timers } from './timers.js';

export type OutboxLogger = Pick<Logger, 'debug' | 'info' | 'warn' | 'error'>;

export interface ChatSenderDeps {
  readonly chatId: number;
  readonly port: MessageOutboxPort;
  readonly transport: OutboxTransport;
  readonly gate: SendGate;
  readonly clock: () => Date;
  readonly timers: Timers;
  readonly logger: OutboxLogger;
  /** The chat's last message id known to the bot: where a lost send would sit. */
  readonly lastMessageId: (chatId: number) => number;
  readonly sendTimeoutMs: number;
  /** Strips the markup when Telegram refuses to parse it. */
  readonly plain: (text: string) => string;
  /** Entries being sent right now: new content must not fold into them (it would be lost). */
  readonly inFlight: Set<string>;
}

/**
 * One chat's delivery loop: its entries strictly in order, one at a time, each through
 * the shared gate. An entry leaves the outbox only once Telegram accepted it; a failure
 * keeps it at the head (order is kept) and retries it with backoff, or exactly after a
 * 429's `retry_after`.
 */
export function createChatSender(deps: ChatSenderDeps) {
  let failures = 0;
  let lastFailure: SendFailure['kind'] | undefined;
  const loop = createHeadOfLineLoop<OutboxEntry>({
    head: () => deps.port.list(deps.chatId)[0],
    dueAt: (entry) => entry.nextAttemptAt,
    step,
    onStepError: (error) => deps.logger.error({ err: error, chat_id: deps.chatId }, 'outbox step failed; retried'),
    timers: deps.timers,
    clock: deps.clock,
  });

  async function step(queued: OutboxEntry): Promise<void> {
    const done = await deps.gate.acquire(deps.chatId, 'normal');
    // Read again after the wait: content may have been folded in meanwhile.
    const entry = deps.port.list(deps.chatId).find((e) => e.id === queued.id);
    if (loop.stopped() || entry === undefined) return done();
    deps.inFlight.add(entry.id);
    try {
      await withTimeout(deps.timers, deps.sendTimeoutMs, entry.kind === 'send' ? send(entry) : edit(entry));
      failures = 0;
      lastFailure = undefined;
    } catch (error) {
      await onFailure(entry, error);
    } finally {
      done();
      deps.inFlight.delete(entry.id);
    }
  }

  async function send(entry: OutboxEntry): Promise<void> {
    // Its slot got a message meanwhile (queued twice, e.g. by a check at start-up): one
    // message per slot, so this one only brings it up to date.
    if (entry.slot !== undefined && deps.port.slot(deps.chatId, entry.slot) !== undefined) return edit(entry);
    const delivered = (messageId: number) => (entry.slot === undefined ? undefined : { slot: entry.slot, messageId, content: entry.content });
    if (entry.sending !== undefined) {
      // The last attempt may have arrived: never send a card twice.
      const found = await findLostSend(entry, deps.transport, (messageId) => deps.port.slotOfMessage(deps.chatId, messageId)?.content);
      if (found !== undefined) {
        deps.logger.info({ chat_id: deps.chatId, message_id: found }, 'a send whose answer was lost had arrived; not sent again');
        await deps.port.complete(entry.id, deps.chatId, delivered(found));
        return;
      }
    }
    const replyTo = entry.replyToSlot === undefined ? undefined : deps.port.slot(deps.chatId, entry.replyToSlot)?.messageId;
    // Durable before the request: a crash now leaves a trace to reconcile at start-up.
    await deps.port.update(entry.id, deps.chatId, { sending: { at: deps.clock().toISOString(), afterMessageId: deps.lastMessageId(deps.chatId) } });
    const { messageId } = await deps.transport.send(deps.chatId, entry.content, replyTo);
    await deps.port.complete(entry.id, deps.chatId, delivered(messageId), messageId);
  }

  async function edit(entry: OutboxEntry): Promise<void> {
    const slot = entry.slot === undefined ? undefined : deps.port.slot(deps.chatId, entry.slot);
    if (slot === undefined || sameContent(slot.content, entry.content)) {
      if (slot === undefined) deps.logger.warn({ chat_id: deps.chatId, slot: entry.slot }, 'nothing to edit: the message was never delivered; dropped');
      await deps.port.complete(entry.id, deps.chatId);
      return;
    }
    const result = await deps.transport.edit(deps.chatId, slot.messageId, entry.content);
    if (result === 'gone') deps.logger.info({ chat_id: deps.chatId, slot: slot.slot }, 'message to edit is gone (deleted in the chat)');
    await deps.port.complete(entry.id, deps.chatId, { slot: slot.slot, messageId: slot.messageId, content: entry.content });
  }

  async function onFailure(entry: OutboxEntry, error: unknown): Promise<void> {
    const failure = toSendFailure(error);
    if (failure.kind === 'bad_format' && entry.content.parseMode !== undefined) {
      deps.logger.warn({ err: error, chat_id: deps.chatId }, 'Telegram refused the HTML; the message goes as plain text');
      const { parseMode: _html, ...rest } = entry.content;
      await deps.port.update(entry.id, deps.chatId, { content: { ...rest, text: deps.plain(entry.content.text) }, sending: undefined });
      return;
    }
    // A 429 is Telegram pacing us: wait exactly as told, no backoff, no failure count.
    if (failure.kind === 'rate_limited') deps.gate.holdChat(deps.chatId, failure.retryAfterMs);
    else failures += 1;
    lastFailure = failure.kind;
    const delay = retryDelayMs(failure, failures);
    // A transient failure leaves a send in doubt (a 5xx may come from a proxy after Telegram
    // took the message); a 429 or another refusal says it was not sent.
    const settled = failure.kind === 'transient' ? {} : { sending: undefined };
    const level = failure.kind === 'refused' ? 'error' : 'warn';
    deps.logger[level]({ err: error instanceof SendTimeoutError ? error.message : error, chat_id: deps.chatId, failure: failure.kind, retry_in_ms: delay }, 'message not delivered yet; it stays in the outbox');
    await deps.port.update(entry.id, deps.chatId, { attempts: entry.attempts + 1, nextAttemptAt: new Date(deps.clock().getTime() + delay).toISOString(), ...settled });
  }

  return {
    kick: loop.kick,
    start: loop.start,
    /** Telegram answers again: a chat waiting out a backoff tries at once (a 429's wait stays in the gate). */
    wake() {
      if (failures === 0) return;
      loop.skipWait();
    },
    stop: loop.stop,
    status: () => ({ chatId: deps.chatId, failures, ...(lastFailure === undefined ? {} : { lastFailure }) }),
  };
}

export type ChatSender = ReturnType<typeof createChatSender>;
