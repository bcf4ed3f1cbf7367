import { InlineKeyboard, type Context } from 'grammy';
import { CONFIRM_WITHIN_MS } from '../../engine/backfill/create-backfill-offers.js';
import type { BackfillRequest } from '../../engine/backfill/run-backfill.js';
import type { Engine } from '../../engine/index.js';
import type { MessageOutbox } from '../../outbox/create-message-outbox.js';
import { BACKFILL_CANCEL_PREFIX, BACKFILL_CONFIRM_PREFIX } from '../backfill-progress-view.js';
import { encodeCallbackData } from '../callback-data.js';
import { backfillBusyMessage, backfillConfirmMessage, backfillReportMessage, backfillStartedMessage } from '../messages/backfill-messages.js';
import type { SafeHtml } from '../messages/html.js';
import { backfillSlot, toOutboxContent } from '../outbox/to-outbox-content.js';

export interface StartFromChatOptions {
  /** `always` at the end of the step-by-step /backfill: its last step is the estimate and Confirm. */
  readonly ask?: 'when_big' | 'always';
}

/**
 * Starts a backfill, or asks first when it is big: the estimate with Confirm and Cancel,
 * recorded as a pending job so the tap works across a restart. Either way the message
 * posted is the one the job's progress and report will be edited into (through the
 * outbox); the job runs in the background. One per venue at a time.
 */
export async function startBackfillFromChat(
  ctx: Context,
  engine: Engine,
  outbox: Pick<MessageOutbox, 'adopt' | 'edit'>,
  request: BackfillRequest,
  by: number | undefined,
  options: StartFromChatOptions = {},
): Promise<void> {
  const market = engine.market;
  const prepared = await market.prepareBackfill(request, { ...(by === undefined ? {} : { by }), ...(options.ask === undefined ? {} : { ask: options.ask }) });
  if (prepared.kind === 'invalid') {
    await ctx.reply(`Backfill not started: ${prepared.problem}.`);
    return;
  }
  if (prepared.kind === 'busy') {
    await ctx.reply(backfillBusyMessage(prepared.running));
    return;
  }
  if (prepared.kind === 'confirm') {
    const { job, estimate } = prepared;
    const keyboard = new InlineKeyboard().text('Confirm', encodeCallbackData(BACKFILL_CONFIRM_PREFIX, job.id)).text('Cancel', encodeCallbackData(BACKFILL_CANCEL_PREFIX, job.id));
    await postAndAdopt(ctx, outbox, job.id, backfillConfirmMessage(job, estimate, CONFIRM_WITHIN_MS), keyboard);
    return;
  }
  const { job, done } = prepared.handle;
  // Nothing missing: the job only checks and reports, so there is nothing to cancel.
  const keyboard = prepared.estimate.bars === 0 ? undefined : new InlineKeyboard().text('Cancel', encodeCallbackData(BACKFILL_CANCEL_PREFIX, job.id));
  await postAndAdopt(ctx, outbox, job.id, backfillStartedMessage(job, prepared.estimate), keyboard);
  const finished = market.finishedBackfill(job.id);
  if (finished !== undefined) await outbox.edit(backfillSlot(job.id), toOutboxContent(backfillReportMessage(finished.job, finished.report)));
  engine.tasks.run(`backfill ${job.id}`, () => done);
}

/** From here on the outbox keeps this message current, also after a restart. */
async function postAndAdopt(ctx: Context, outbox: Pick<MessageOutbox, 'adopt'>, jobId: string, text: SafeHtml, keyboard?: InlineKeyboard): Promise<void> {
  const message = await ctx.reply(text.value, { parse_mode: 'HTML', ...(keyboard === undefined ? {} : { reply_markup: keyboard }) });
  await outbox.adopt(message.chat.id, backfillSlot(jobId), message.message_id, toOutboxContent(text, keyboard));
}
