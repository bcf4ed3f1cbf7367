import type { Engine } from '../engine/index.js';
import type { MessageOutbox } from '../outbox/create-message-outbox.js';
import type { SafeHtml } from './messages/html.js';
import { dailyReportMessage, weeklyReportMessage } from './messages/report-messages.js';
import { toOutboxContent } from './outbox/to-outbox-content.js';

/**
 * The daily and weekly reports: built from the same numbers as /pnl and queued in the
 * outbox for the approvers' chats. The jobs call it; the engine never talks to Telegram.
 */
export function createReportSender(engine: Engine, outbox: Pick<MessageOutbox, 'send'>, chats: readonly number[]) {
  const send = async (text: SafeHtml): Promise<string> => {
    for (const chat of chats) await outbox.send(chat, toOutboxContent(text));
    return `queued for ${chats.length} chat(s)`;
  };
  return {
    daily: async () => send(dailyReportMessage(await engine.outcomes.dailyReport(), engine.accounts())),
    weekly: async () => send(weeklyReportMessage(await engine.outcomes.weeklyReport(), engine.accounts())),
  };
}
