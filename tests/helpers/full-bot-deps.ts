import type { Api } from 'grammy';
import type { BotDeps } from '../../src/bot/context.js';
import { createUserDirectory } from '../../src/bot/user-directory.js';
import type { Config } from '../../src/config.js';
import { createDelivery } from '../../src/create-delivery.js';
import type { Engine } from '../../src/engine/index.js';
import type { Logger } from '../../src/logger.js';
import type { HistoryLog } from '../../src/store/history/create-history-log.js';
import type { StoreDocument } from '../../src/store/open-store.js';
import { createTestInbound } from './test-inbound.js';
import { botDepsOf, createTestJobRuntime } from './test-job-runtime.js';

/** Every BotDeps the way src/app.ts wires them, on a given engine and document (the benches' bot). */
export function fullBotDeps(input: { config: Config; engine: Engine; document: StoreDocument; history: HistoryLog; api: Api; logger: Logger; clock: () => Date }): BotDeps {
  const { config, engine, document, api, logger, clock } = input;
  const chats = [...config.telegram.users.keys()];
  // The benches measure the bot against a recorded API, not Telegram's pacing: no limits.
  const delivery = createDelivery({ store: { document }, api, alertChats: () => chats, messagesPerSecond: Infinity, gate: { privateIntervalMs: 0, groupIntervalMs: 0 }, clock, logger });
  const runtime = createTestJobRuntime({ config, engine, alerts: delivery.alerts, outbox: delivery.outbox, reportChats: chats, logger, clock });
  const inbound = createTestInbound({ document, history: input.history, engine, alerts: delivery.alerts, notify: (chatId, text) => delivery.outbox.send(chatId, { text }), tasks: engine.tasks, logger, clock });
  return {
    config,
    logger,
    engine,
    users: createUserDirectory(config.telegram.users),
    clock,
    alerts: delivery.alerts,
    outbox: delivery.outbox,
    messageIds: delivery.messageIds,
    directSends: delivery.directSends,
    inbound,
    ...botDepsOf(runtime, config, document),
  };
}
