import type { ButtonDefinition, CommandDefinition } from '../bot/command.js';
import { BACKFILL_CANCEL_PREFIX } from '../bot/backfill-progress-view.js';
import { BACKFILL_CONVERSATION } from '../bot/conversations/backfill-conversation.js';
import { startBackfillFromChat } from '../bot/conversations/start-backfill-from-chat.js';
import type { IntentExecutor } from '../bot/inbound/intent-executor.js';
import { answerTap, decideTap } from '../bot/inbound/record-tap.js';
import { commandArgs } from '../bot/parse/command-args.js';
import { BACKFILL_USAGE, parseBackfillArgs } from '../bot/parse/parse-backfill-args.js';

/** Step by step, or in one line: `/backfill sim BTC/USDT,ETH/USDT 1h,1d 180`. */
export const backfillCommand: CommandDefinition = {
  name: 'backfill',
  description: 'Fetch and store history (step by step, or in one line)',
  usage: `[${BACKFILL_USAGE}]`,
  minRole: 'approver',
  effect: 'write',
  handle: async (ctx) => {
    const args = commandArgs(ctx);
    if (args.trim() === '') return ctx.conversation.enter(BACKFILL_CONVERSATION);
    const { engine } = ctx.deps;
    const request = parseBackfillArgs(args, { venues: engine.market.venues(), watchlistOf: (venue) => engine.market.watchlistOfVenue(venue) });
    if (!request.ok) return ctx.reply(request.error);
    return startBackfillFromChat(ctx, engine, ctx.deps.outbox, request.value, ctx.from?.id);
  },
};

const NOT_RUNNING = 'This backfill is no longer running.';

/** Carries out a recorded Cancel; at start-up it runs after interrupted backfills resumed, so it reaches them. */
export const cancelBackfillIntent: IntentExecutor = async (intent, { engine }) => {
  const canceled = engine.market.cancelBackfill(intent.target);
  return { result: canceled ? 'canceled' : 'not_running', toast: canceled ? 'Canceling; the report follows.' : NOT_RUNNING };
};

export const cancelBackfillButton: ButtonDefinition = {
  prefix: BACKFILL_CANCEL_PREFIX,
  minRole: 'approver',
  handle: async (ctx, jobId) => {
    // Nothing running, nothing to decide: a tap on an old message records nothing.
    if (!ctx.deps.engine.market.runningBackfills().some((job) => job.id === jobId)) return answerTap(ctx, { text: NOT_RUNNING });
    await decideTap(ctx, 'cancel_backfill', jobId);
  },
};
