import type { AlertDispatcher } from '../../src/alerts/create-alert-dispatcher.js';
import { createInbound, type Inbound } from '../../src/bot/inbound/create-inbound.js';
import type { QuestionTimers } from '../../src/bot/conversations/question-deadlines.js';
import type { Engine, TaskTracker } from '../../src/engine/index.js';
import { INTENT_EXECUTORS } from '../../src/handlers/command-registry.js';
import type { Logger } from '../../src/logger.js';
import type { HistoryLog } from '../../src/store/history/create-history-log.js';
import { createInboundRepository } from '../../src/store/inbound-repository.js';
import type { StoreDocument } from '../../src/store/open-store.js';

export interface TestInboundInput {
  readonly document: StoreDocument;
  readonly history: HistoryLog;
  readonly engine: Engine;
  readonly alerts: Pick<AlertDispatcher, 'acknowledge'>;
  readonly notify: (chatId: number, text: string) => Promise<unknown>;
  readonly tasks: TaskTracker;
  readonly logger: Logger;
  readonly clock: () => Date;
  readonly retryDelaysMs?: readonly number[];
  readonly questionTimers?: QuestionTimers;
}

/** The bot's inbound dependencies wired the way src/app.ts wires them, on the given store parts. */
export function createTestInbound(input: TestInboundInput): Inbound {
  return createInbound({
    repository: createInboundRepository({ document: input.document, history: input.history }),
    executors: INTENT_EXECUTORS,
    services: { engine: input.engine, alerts: input.alerts },
    notify: input.notify,
    tasks: input.tasks,
    logger: input.logger,
    clock: input.clock,
    ...(input.retryDelaysMs === undefined ? {} : { retryDelaysMs: input.retryDelaysMs }),
    ...(input.questionTimers === undefined ? {} : { questionTimers: input.questionTimers }),
  });
}
