import { InlineKeyboard } from 'grammy';
import type { BackfillProgress, BackfillReport } from '../engine/backfill/run-backfill.js';
import type { BackfillJobRecord } from '../engine/ports/backfill-jobs.js';
import type { MessageOutbox } from '../outbox/create-message-outbox.js';
import { encodeCallbackData } from './callback-data.js';
import { backfillProgressMessage, backfillReportMessage } from './messages/backfill-messages.js';
import { backfillSlot, toOutboxContent } from './outbox/to-outbox-content.js';

export const BACKFILL_CANCEL_PREFIX = 'bc';
/** Confirm on the estimate of a big backfill: starts the pending job it names. */
export const BACKFILL_CONFIRM_PREFIX = 'bs';

/**
 * Keeps one message per backfill up to date through the outbox: edited at most every
 * `intervalMs` (Telegram limits edits, and nobody reads faster), with a Cancel button;
 * the final report replaces it. Edits waiting in the outbox collapse into the latest one,
 * so the report can never be overtaken by an older progress line.
 */
export function createBackfillProgressView(deps: { outbox: Pick<MessageOutbox, 'edit' | 'hasSlot'>; clock: () => Date; intervalMs?: number }) {
  const interval = deps.intervalMs ?? 3_000;
  const lastEdit = new Map<string, number>();
  const finished = new Set<string>();
  return {
    async update(job: BackfillJobRecord, progress: BackfillProgress): Promise<void> {
      // No message yet: nothing to edit, and no reason to spend the throttle window.
      if (finished.has(job.id) || !deps.outbox.hasSlot(backfillSlot(job.id))) return;
      const now = deps.clock().getTime();
      if (now - (lastEdit.get(job.id) ?? 0) < interval) return;
      lastEdit.set(job.id, now);
      const keyboard = new InlineKeyboard().text('Cancel', encodeCallbackData(BACKFILL_CANCEL_PREFIX, job.id));
      await deps.outbox.edit(backfillSlot(job.id), toOutboxContent(backfillProgressMessage(job, progress), keyboard));
    },
    async finish(job: BackfillJobRecord, report: BackfillReport): Promise<void> {
      finished.add(job.id);
      lastEdit.delete(job.id);
      await deps.outbox.edit(backfillSlot(job.id), toOutboxContent(backfillReportMessage(job, report)));
    },
  };
}
