import type { Api } from 'grammy';
import { createAlertDispatcher, type AlertDispatcher } from '../../src/alerts/create-alert-dispatcher.js';
import { createBotApiSend } from '../../src/bot/alerts/create-bot-api-send.js';
import { alertRenderer } from '../../src/bot/alerts/render-alert.js';
import type { StoreDocument } from '../../src/store/open-store.js';
import { createAlertOutboxRepository } from '../../src/store/alert-outbox-repository.js';
import { createSendGate, type SendGate } from '../../src/outbox/send-gate.js';

/** The real alert dispatcher on a memory document, sending through the given Api. */
export function createTestAlerts(input: { document: StoreDocument; api: Pick<Api, 'sendMessage'>; chats: readonly number[]; clock: () => Date; newId?: () => string; gate?: SendGate }): AlertDispatcher {
  return createAlertDispatcher({
    ...(input.newId === undefined ? {} : { newId: input.newId }),
    outbox: createAlertOutboxRepository({ document: input.document }),
    render: alertRenderer,
    gate: input.gate ?? createSendGate(),
    send: createBotApiSend(input.api),
    chats: () => input.chats,
    clock: input.clock,
    logger: { warn: () => undefined, error: () => undefined, info: () => undefined, debug: () => undefined },
  });
}
