import type { Api } from 'grammy';
import type { Engine } from '../engine/index.js';
import type { SafeHtml } from './messages/html.js';
import { dailyReportMessage, weeklyReportMessage } from './messages/report-messages.js';

/**
 * The daily and weekly reports: built from the same numbers as /pnl and sent to the
 * approvers' chats. The jobs call it; the engine never talks to Telegram.
 */
export function createReportSender(engine: Engine, api: Pick<Api, 'sendMessage'>, chats: readonly number[]) {
  const send = async (text: SafeHtml): Promise<string> => {
    for (const chat of chats) await api.sendMessage(chat, text.value, { parse_mode: 'HTML', link_preview_options: { is_disabled: true } });
    return `sent to ${chats.length} chat(s)`;
  };
  return {
    daily: async () => send(dailyReportMessage(await engine.outcomes.dailyReport(), engine.accounts())),
    weekly: async () => send(weeklyReportMessage(await engine.outcomes.weeklyReport(), engine.accounts())),
  };
}
