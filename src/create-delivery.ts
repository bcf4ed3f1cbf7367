import type { Api } from 'grammy';
import { createAlertDispatcher } from './alerts/create-alert-dispatcher.js';
import { createBotApiSend } from './bot/alerts/create-bot-api-send.js';
import { alertRenderer, toPlainText } from './bot/alerts/render-alert.js';
import { createMessageIdTracker } from './bot/outbox/create-message-id-tracker.js';
import { createTelegramTransport } from './bot/outbox/create-telegram-transport.js';
import { paceDirectSends } from './bot/outbox/pace-direct-sends.js';
import type { Logger } from './logger.js';
import { createMessageOutbox } from './outbox/create-message-outbox.js';
import { createTelegramBreaker, type TelegramBreaker } from './outbox/create-telegram-breaker.js';
import type { OutboxTransport } from './outbox/outbox-transport.js';
import { createSendGate, type SendGateOptions } from './outbox/send-gate.js';
import { toSendFailure } from './outbox/send-failure.js';
import type { AlertSend } from './alerts/alert-transport.js';
import { createAlertOutboxRepository, createAlertSettingsRepository } from './store/alert-outbox-repository.js';
import { createMessageOutboxRepository } from './store/message-outbox-repository.js';
import type { Store } from './store/open-store.js';

export interface DeliveryInput {
  readonly store: Pick<Store, 'document'>;
  /**
   * The Api the outboxes send with. Without the auto-retry plugin: the outboxes retry and
   * honour 429s themselves, and a retry hidden inside one send would hold a CRITICAL back.
   */
  readonly api: Api;
  /** Who gets alerts: the group, or each owner's private chat. */
  readonly alertChats: () => readonly number[];
  readonly messagesPerSecond: number;
  readonly clock: () => Date;
  readonly logger: Logger;
  /** Tests pace nothing per chat; production keeps Telegram's defaults. */
  readonly gate?: Omit<SendGateOptions, 'perSecond'>;
  readonly newAlertId?: () => string;
}

/**
 * Everything the bot says on its own, durably: the alert outbox and the message outbox
 * (cards, edits, replies, reports), both through one gate that keeps Telegram's limits
 * per chat and overall, CRITICAL and HIGH first.
 */
export function createDelivery(input: DeliveryInput) {
  const messageIds = createMessageIdTracker();
  input.api.config.use(messageIds.transformer);
  const port = createMessageOutboxRepository(input.store);
  // What the slots know survives a restart: lost sends are looked for after it.
  for (const slot of Object.values(input.store.document.read().outbox.slots)) messageIds.note(slot.chatId, slot.messageId);
  for (const [chatId, { lastMessageId }] of Object.entries(input.store.document.read().outbox.chats)) messageIds.note(Number(chatId), lastMessageId);
  const gate = createSendGate({ perSecond: input.messagesPerSecond, ...input.gate });
  const telegram = createTelegramBreaker({ clock: input.clock });
  const outbox = createMessageOutbox({
    port,
    transport: watchTransport(createTelegramTransport(input.api), telegram),
    gate,
    clock: input.clock,
    logger: input.logger,
    plain: toPlainText,
    lastMessageId: messageIds.last,
  });
  const alertSettings = createAlertSettingsRepository(input.store);
  const alerts = createAlertDispatcher({
    outbox: createAlertOutboxRepository(input.store),
    settings: alertSettings.get,
    render: alertRenderer,
    send: watchSend(createBotApiSend(input.api), telegram),
    gate,
    chats: input.alertChats,
    clock: input.clock,
    logger: input.logger,
    ...(input.newAlertId === undefined ? {} : { newId: input.newAlertId }),
  });
  // Telegram answers again: every chat waiting out a backoff tries at once.
  telegram.onBreakerChange((state) => {
    if (state !== 'closed') return;
    outbox.wake();
    alerts.wake();
  });
  return {
    gate,
    telegram,
    outbox,
    alerts,
    alertSettings,
    messageIds,
    directSends: paceDirectSends(gate),
    start(): void {
      alerts.start();
      outbox.start();
    },
    stop(): void {
      alerts.stop();
      outbox.stop();
      gate.stop();
    },
  };
}

export type Delivery = ReturnType<typeof createDelivery>;

/** Only a failure that says nothing about the message counts: Telegram down, not Telegram refusing. */
const isOutage = (error: unknown) => toSendFailure(error).kind === 'transient';

function watchTransport(transport: OutboxTransport, telegram: TelegramBreaker): OutboxTransport {
  const watch = async <T>(call: () => Promise<T>): Promise<T> => {
    try {
      const result = await call();
      telegram.succeeded();
      return result;
    } catch (error) {
      if (isOutage(error)) telegram.failed(error);
      else telegram.succeeded();
      throw error;
    }
  };
  return {
    send: (chatId, content, replyTo) => watch(() => transport.send(chatId, content, replyTo)),
    edit: (chatId, messageId, content) => watch(() => transport.edit(chatId, messageId, content)),
    probe: (chatId, messageId, content) => watch(() => transport.probe(chatId, messageId, content)),
  };
}

function watchSend(send: AlertSend, telegram: TelegramBreaker): AlertSend {
  return async (chatId, text, options) => {
    try {
      const result = await send(chatId, text, options);
      telegram.succeeded();
      return result;
    } catch (error) {
      if (isOutage(error)) telegram.failed(error);
      else telegram.succeeded();
      throw error;
    }
  };
}
