import { InlineKeyboard, type Context } from 'grammy';
import type { BackfillRequest } from '../../engine/backfill/run-backfill.js';
import type { Engine } from '../../engine/index.js';
import type { MessageOutbox } from '../../outbox/create-message-outbox.js';
import { BACKFILL_CANCEL_PREFIX } from '../backfill-progress-view.js';
import { encodeCallbackData } from '../callback-data.js';
import { backfillReportMessage } from '../messages/backfill-messages.js';
import { html } from '../messages/html.js';
import { backfillSlot, toOutboxContent } from '../outbox/to-outbox-content.js';
import { countOf } from '../../engine/text/count-of.js';

/**
 * Starts a backfill and posts the message its progress will be edited into; the job runs
 * in the background and the notifier keeps that message current. One per venue at a time.
 */
export async function startBackfillFromChat(ctx: Context, engine: Engine, outbox: Pick<MessageOutbox, 'adopt' | 'edit'>, request: BackfillRequest, by: number | undefined): Promise<void> {
  const market = engine.market;
  const started = market.startBackfill(request, by);
  if (started.kind === 'invalid') {
    await ctx.reply(`Backfill not started: ${started.problem}.`);
    return;
  }
  if (started.kind === 'busy') {
    const r = started.running;
    await ctx.reply(`A backfill is already running on ${r.request.venue}: ${r.id} (${countOf(r.request.symbols.length, 'symbol')}, ${r.request.timeframes.join(', ')}, ${countOf(r.request.days, 'day')}). Cancel it or wait.`);
    return;
  }
  const { job, done } = started.handle;
  const keyboard = new InlineKeyboard().text('Cancel', encodeCallbackData(BACKFILL_CANCEL_PREFIX, job.id));
  const started$ = html`Backfill ${job.id} started: ${countOf(request.symbols.length, 'symbol')} × ${countOf(request.timeframes.length, 'timeframe')}, ${countOf(request.days, 'day')} on ${request.venue}…`;
  const message = await ctx.reply(started$.value, { parse_mode: 'HTML', reply_markup: keyboard });
  // From here on the outbox keeps this message current, also after a restart.
  await outbox.adopt(message.chat.id, backfillSlot(job.id), message.message_id, toOutboxContent(started$, keyboard));
  const finished = market.finishedBackfill(job.id);
  if (finished !== undefined) await outbox.edit(backfillSlot(job.id), toOutboxContent(backfillReportMessage(finished.job, finished.report)));
  engine.tasks.run(`backfill ${job.id}`, () => done);
}
