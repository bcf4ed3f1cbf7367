import { InlineKeyboard, type Api } from 'grammy';
import type { BackfillProgress, BackfillReport } from '../engine/backfill/run-backfill.js';
import type { BackfillJobRecord } from '../engine/ports/backfill-jobs.js';
import type { Logger } from '../logger.js';
import { encodeCallbackData } from './callback-data.js';
import { backfillProgressMessage, backfillReportMessage } from './messages/backfill-messages.js';

export const BACKFILL_CANCEL_PREFIX = 'bc';

/**
 * Keeps one message per backfill up to date: edited at most every `intervalMs` (Telegram
 * limits edits, and nobody reads faster), with a Cancel button; the final report
 * replaces it.
 */
export function createBackfillProgressView(deps: { api: Api; clock: () => Date; logger: Logger; intervalMs?: number }) {
  const interval = deps.intervalMs ?? 3_000;
  const lastEdit = new Map<string, number>();
  const finished = new Set<string>();
  // Edits of one message go out in order: a slow progress edit must never land after the report.
  const chains = new Map<string, Promise<void>>();
  const queue = (id: string, work: () => Promise<void>) => {
    const next = (chains.get(id) ?? Promise.resolve()).then(work);
    chains.set(id, next);
    void next.finally(() => {
      if (chains.get(id) === next) chains.delete(id);
    });
    return next;
  };

  const edit = async (job: BackfillJobRecord, text: string, keyboard?: InlineKeyboard) => {
    const ref = job.progressMessage;
    if (ref === undefined) return;
    await deps.api
      .editMessageText(ref.chatId, ref.messageId, text, { parse_mode: 'HTML', ...(keyboard === undefined ? {} : { reply_markup: keyboard }) })
      .catch((error: unknown) => deps.logger.debug({ err: error, job: job.id }, 'backfill message not edited'));
  };

  return {
    async update(job: BackfillJobRecord, progress: BackfillProgress): Promise<void> {
      // No message yet: nothing to edit, and no reason to spend the throttle window.
      if (job.progressMessage === undefined || finished.has(job.id)) return;
      const now = deps.clock().getTime();
      if (now - (lastEdit.get(job.id) ?? 0) < interval) return;
      lastEdit.set(job.id, now);
      const keyboard = new InlineKeyboard().text('Cancel', encodeCallbackData(BACKFILL_CANCEL_PREFIX, job.id));
      await queue(job.id, () => (finished.has(job.id) ? Promise.resolve() : edit(job, backfillProgressMessage(job, progress).value, keyboard)));
    },
    async finish(job: BackfillJobRecord, report: BackfillReport): Promise<void> {
      finished.add(job.id);
      lastEdit.delete(job.id);
      await queue(job.id, () => edit(job, backfillReportMessage(job, report).value));
    },
  };
}
