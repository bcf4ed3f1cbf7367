import type { ButtonDefinition, CommandDefinition } from '../bot/command.js';
import { BACKFILL_CANCEL_PREFIX } from '../bot/backfill-progress-view.js';
import { BACKFILL_CONVERSATION } from '../bot/conversations/backfill-conversation.js';
import { startBackfillFromChat } from '../bot/conversations/start-backfill-from-chat.js';
import { commandArgs } from '../bot/parse/command-args.js';
import { BACKFILL_USAGE, parseBackfillArgs } from '../bot/parse/parse-backfill-args.js';

/** Step by step, or in one line: `/backfill sim BTC/USDT,ETH/USDT 1h,1d 180`. */
export const backfillCommand: CommandDefinition = {
  name: 'backfill',
  description: 'Fetch and store history (step by step, or in one line)',
  usage: `[${BACKFILL_USAGE}]`,
  minRole: 'approver',
  handle: async (ctx) => {
    const args = commandArgs(ctx);
    if (args.trim() === '') return ctx.conversation.enter(BACKFILL_CONVERSATION);
    const { engine } = ctx.deps;
    const request = parseBackfillArgs(args, { venues: engine.market.venues(), watchlistOf: (venue) => engine.market.watchlistOfVenue(venue) });
    if (!request.ok) return ctx.reply(request.error);
    return startBackfillFromChat(ctx, engine, ctx.deps.outbox, request.value, ctx.from?.id);
  },
};

export const cancelBackfillButton: ButtonDefinition = {
  prefix: BACKFILL_CANCEL_PREFIX,
  minRole: 'approver',
  handle: async (ctx, jobId) => {
    const canceled = ctx.deps.engine.market.cancelBackfill(jobId);
    await ctx.answerCallbackQuery({ text: canceled ? 'Canceling; the report follows.' : 'This backfill is no longer running.' });
  },
};
