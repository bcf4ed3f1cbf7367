import type { Api } from 'grammy';
import { createAlertDispatcher } from './alerts/create-alert-dispatcher.js';
import { createBotApiSend } from './bot/alerts/create-bot-api-send.js';
import { alertRenderer, toPlainText } from './bot/alerts/render-alert.js';
import { createMessageIdTracker } from './bot/outbox/create-message-id-tracker.js';
import { createTelegramTransport } from './bot/outbox/create-telegram-transport.js';
import type { Logger } from './logger.js';
import { createMessageOutbox } from './outbox/create-message-outbox.js';
import { createSendGate, type SendGateOptions } from './outbox/send-gate.js';
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
  const gate = createSendGate({ perSecond: input.messagesPerSecond, ...input.gate });
  const outbox = createMessageOutbox({ port, transport: createTelegramTransport(input.api), gate, clock: input.clock, logger: input.logger, plain: toPlainText, lastMessageId: messageIds.last });
  const alertSettings = createAlertSettingsRepository(input.store);
  const alerts = createAlertDispatcher({
    outbox: createAlertOutboxRepository(input.store),
    settings: alertSettings.get,
    render: alertRenderer,
    send: createBotApiSend(input.api),
    gate,
    chats: input.alertChats,
    clock: input.clock,
    logger: input.logger,
    ...(input.newAlertId === undefined ? {} : { newId: input.newAlertId }),
  });
  return {
    gate,
    outbox,
    alerts,
    alertSettings,
    messageIds,
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
