import { randomUUID } from 'node:crypto';
import { createChatSender, type ChatSender, type OutboxLogger } from './chat-sender.js';
import { sameContent, type OutboxContent } from './outbox-message.js';
import type { MessageOutboxPort } from './outbox-port.js';
import type { OutboxTransport } from './outbox-transport.js';
import type { SendGate } from './send-gate.js';
import { globalTimers, type Timers } from './timers.js';

export interface MessageOutboxDeps {
  readonly port: MessageOutboxPort;
  readonly transport: OutboxTransport;
  readonly gate: SendGate;
  readonly clock: () => Date;
  readonly logger: OutboxLogger;
  readonly plain: (text: string) => string;
  /** The chat's last message id known to the bot (see track-message-ids.ts). */
  readonly lastMessageId?: (chatId: number) => number;
  readonly timers?: Timers;
  /** A send Telegram has not answered by then is retried (after a look for it). Default 30 s. */
  readonly sendTimeoutMs?: number;
  readonly newId?: () => string;
}

export interface SendOptions {
  /** Names the message so later edits find it: `card:<proposal id>`, `backfill:<job id>`. */
  readonly slot?: string;
  /** Sent as a reply to the message of this slot, when it has one. */
  readonly replyToSlot?: string;
}

export interface OutboxBacklog {
  readonly waiting: number;
  readonly oldestAt?: string;
  readonly failingChats: readonly { chatId: number; failures: number; lastFailure?: string }[];
}

/**
 * Everything the bot sends on its own, durably (DESIGN principle 6): `send` and `edit`
 * resolve once the message is in the outbox, and it leaves the outbox only once Telegram
 * accepted it, in order per chat, within the shared gate's limits, across restarts.
 */
export function createMessageOutbox(deps: MessageOutboxDeps) {
  const senders = new Map<number, ChatSender>();
  const lastKnown = (chatId: number) => Math.max(deps.lastMessageId?.(chatId) ?? 0, deps.port.lastMessageId(chatId));
  const inFlight = new Set<string>();
  let started = false;

  function senderFor(chatId: number): ChatSender {
    let sender = senders.get(chatId);
    if (sender === undefined) {
      sender = createChatSender({
        chatId,
        port: deps.port,
        transport: deps.transport,
        gate: deps.gate,
        clock: deps.clock,
        timers: deps.timers ?? globalTimers,
        logger: deps.logger,
        lastMessageId: lastKnown,
        sendTimeoutMs: deps.sendTimeoutMs ?? 30_000,
        plain: deps.plain,
        inFlight,
      });
      senders.set(chatId, sender);
      if (started) sender.start();
    }
    return sender;
  }

  /** Delivered as is, and no newer content queued for it. */
  function isShown(chatId: number, slot: string, content: OutboxContent): boolean {
    const delivered = deps.port.slot(chatId, slot);
    return delivered !== undefined && sameContent(delivered.content, content) && !deps.port.list(chatId).some((e) => e.slot === slot);
  }

  async function enqueue(chatId: number, kind: 'send' | 'edit', content: OutboxContent, options: SendOptions): Promise<void> {
    const entry = {
      id: (deps.newId ?? randomUUID)(),
      chatId,
      kind,
      content,
      ...(options.slot === undefined ? {} : { slot: options.slot }),
      ...(options.replyToSlot === undefined ? {} : { replyToSlot: options.replyToSlot }),
      createdAt: deps.clock().toISOString(),
      attempts: 0,
    };
    // The chat's newest message id travels with the write, so a restart knows it too.
    await deps.port.enqueue(entry, (queued) => !inFlight.has(queued.id), lastKnown(chatId));
    senderFor(chatId).kick();
  }

  return {
    /**
     * A new message to one chat. A slot that already has its message gets an edit instead,
     * and nothing at all when it already shows this content and nothing is queued for it.
     */
    async send(chatId: number, content: OutboxContent, options: SendOptions = {}): Promise<void> {
      const delivered = options.slot === undefined ? undefined : deps.port.slot(chatId, options.slot);
      if (options.slot !== undefined && isShown(chatId, options.slot, content)) return;
      await enqueue(chatId, delivered === undefined ? 'send' : 'edit', content, options);
    },
    /** The latest content of a slot's message in every chat that has it; pending edits collapse. */
    async edit(slot: string, content: OutboxContent): Promise<void> {
      for (const chatId of deps.port.chatsWithSlot(slot)) if (!isShown(chatId, slot, content)) await enqueue(chatId, 'edit', content, { slot });
    },
    /** A message sent directly (a command's reply) that later edits should keep current. */
    adopt: (chatId: number, slot: string, messageId: number, content: OutboxContent) => deps.port.adopt({ chatId, slot, messageId, content }),
    /**
     * A slot's message sent once more, directly (a command's reply, e.g. /pending): the new
     * message is the one kept current from now on, and the copy it replaces is edited to
     * `retired` through the outbox, so no copy in the chat keeps stale buttons.
     */
    async repost(chatId: number, slot: string, messageId: number, content: OutboxContent, retired: OutboxContent): Promise<void> {
      const old = deps.port.slot(chatId, slot);
      await deps.port.adopt({ chatId, slot, messageId, content });
      if (old === undefined || old.messageId === messageId) return;
      // The old copy gets a slot of its own (one per message), so its edit is durable too.
      const retiredSlot = `${slot}:was:${old.messageId}`;
      await deps.port.adopt({ ...old, slot: retiredSlot });
      await enqueue(chatId, 'edit', retired, { slot: retiredSlot });
    },
    start(): void {
      started = true;
      const chats = new Set(deps.port.list().map((e) => e.chatId));
      for (const chatId of chats) senderFor(chatId).start();
    },
    stop(): void {
      started = false;
      for (const sender of senders.values()) sender.stop();
    },
    /** Every chat waiting out a backoff tries now (Telegram answers again). */
    wake(): void {
      for (const sender of senders.values()) sender.wake();
    },
    depth: (): number => deps.port.list().length,
    /** Whether some chat already has, or has queued, this slot's message. */
    hasSlot: (slot: string): boolean => deps.port.chatsWithSlot(slot).length > 0,
    /**
     * Resolves once nothing waits, or only messages Telegram keeps refusing for now (they
     * stay queued), or after `timeoutMs`: for a terminal session that reads the answer
     * before the next line, and for tests.
     */
    async idle(timeoutMs = 30_000): Promise<void> {
      const deadline = Date.now() + timeoutMs;
      const waiting = () => deps.port.list().some((e) => e.attempts === 0);
      while (waiting() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
    },
    backlog(): OutboxBacklog {
      const entries = deps.port.list();
      const oldest = entries.reduce<string | undefined>((min, e) => (min === undefined || e.createdAt < min ? e.createdAt : min), undefined);
      const failingChats = [...senders.values()].map((s) => s.status()).filter((s) => s.failures > 0);
      return { waiting: entries.length, ...(oldest === undefined ? {} : { oldestAt: oldest }), failingChats };
    },
  };
}

export type MessageOutbox = ReturnType<typeof createMessageOutbox>;
