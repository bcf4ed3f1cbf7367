import { InlineKeyboard } from 'grammy';
import type { BackfillRequest } from '../../engine/backfill/run-backfill.js';
import { BACKFILL_CANCEL_PREFIX } from '../backfill-progress-view.js';
import { encodeCallbackData } from '../callback-data.js';
import type { Context } from 'grammy';
import type { Engine } from '../../engine/index.js';

/**
 * Starts a backfill and posts the message its progress will be edited into; the job runs
 * in the background and the notifier keeps that message current. One per venue at a time.
 */
export async function startBackfillFromChat(ctx: Context, engine: Engine, request: BackfillRequest, by: number | undefined): Promise<void> {
  const market = engine.market;
  const started = market.startBackfill(request, by);
  if (started.kind === 'invalid') {
    await ctx.reply(`Backfill not started: ${started.problem}.`);
    return;
  }
  if (started.kind === 'busy') {
    const r = started.running;
    await ctx.reply(`A backfill is already running on ${r.request.venue}: ${r.id} (${r.request.symbols.length} symbols, ${r.request.timeframes.join(', ')}, ${r.request.days} days). Cancel it or wait.`);
    return;
  }
  const { job, done } = started.handle;
  const message = await ctx.reply(`Backfill ${job.id} started: ${request.symbols.length} symbols × ${request.timeframes.length} timeframes, ${request.days} days on ${request.venue}…`, {
    reply_markup: new InlineKeyboard().text('Cancel', encodeCallbackData(BACKFILL_CANCEL_PREFIX, job.id)),
  });
  await market.attachBackfillMessage(job.id, { chatId: message.chat.id, messageId: message.message_id });
  engine.tasks.run(`backfill ${job.id}`, () => done);
}
