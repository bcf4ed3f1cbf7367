import type { ButtonDefinition, CommandDefinition } from '../bot/command.js';
import type { BotContext } from '../bot/context.js';
import { BACKFILL_CANCEL_PREFIX, BACKFILL_CONFIRM_PREFIX } from '../bot/backfill-progress-view.js';
import { BACKFILL_CONVERSATION } from '../bot/conversations/backfill-conversation.js';
import { startBackfillFromChat } from '../bot/conversations/start-backfill-from-chat.js';
import type { IntentExecutor, IntentOutcome } from '../bot/inbound/intent-executor.js';
import { answerTap, decideTap } from '../bot/inbound/record-tap.js';
import { backfillNotStartedMessage } from '../bot/messages/backfill-messages.js';
import { backfillSlot, toOutboxContent } from '../bot/outbox/to-outbox-content.js';
import { commandArgs } from '../bot/parse/command-args.js';
import { BACKFILL_USAGE, parseBackfillArgs } from '../bot/parse/parse-backfill-args.js';
import type { BackfillJobRecord } from '../engine/ports/backfill-jobs.js';

/** Step by step, or in one line: `/backfill sim BTC/USDT,ETH/USDT 1h,1d 180`. A big one asks first. */
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
const NOT_WAITING = 'This backfill is no longer waiting for a yes: send /backfill again.';

/**
 * Carries out a recorded Cancel: stops a running job, or drops one still waiting for its
 * confirmation. At start-up it runs after interrupted backfills resumed, so it reaches them.
 */
export const cancelBackfillIntent: IntentExecutor = async (intent, { engine }) => {
  if (engine.market.cancelBackfill(intent.target)) return { result: 'canceled', toast: 'Canceling; the report follows.' };
  if (await engine.market.discardBackfill(intent.target)) return { result: 'discarded', toast: 'Canceled: nothing was fetched.' };
  return { result: 'not_running', toast: NOT_RUNNING };
};

/** Carries out a recorded Confirm: idempotent, as a job starts once (see create-backfill-offers.ts). */
export const startBackfillIntent: IntentExecutor = async (intent, { engine }) => {
  const started = await engine.market.confirmBackfill(intent.target);
  switch (started.kind) {
    case 'started':
      engine.tasks.run(`backfill ${intent.target}`, () => started.handle.done);
      return { result: 'started', toast: 'Started: the progress follows in this message.' };
    case 'busy':
      return { result: 'busy', toast: `A backfill is already running on ${started.running.request.venue} (${started.running.id}). Press Confirm again once it is done.` };
    case 'expired':
      return { result: 'expired', toast: 'Too late: the question stood for 5 minutes. Send /backfill again.' };
    case 'invalid':
      return { result: `refused: ${started.problem}`, toast: `Not started: ${started.problem}.` };
    case 'not_pending':
      return { result: 'not_pending', toast: started.job?.state === 'running' || started.job?.state === 'done' ? 'It is started already.' : NOT_WAITING };
  }
};

/** What a Confirm or Cancel left unstarted: the question is replaced, so its buttons go. */
async function closeQuestion(ctx: BotContext, job: BackfillJobRecord, outcome: IntentOutcome | undefined): Promise<void> {
  const why = outcome?.result === 'discarded' ? 'canceled' : outcome?.result === 'expired' ? 'expired' : undefined;
  if (why !== undefined) await ctx.deps.outbox.edit(backfillSlot(job.id), toOutboxContent(backfillNotStartedMessage(job, why)));
}

export const cancelBackfillButton: ButtonDefinition = {
  prefix: BACKFILL_CANCEL_PREFIX,
  minRole: 'approver',
  handle: async (ctx, jobId) => {
    const { market } = ctx.deps.engine;
    const pending = market.pendingBackfill(jobId);
    // Nothing running or waiting, nothing to decide: a tap on an old message records nothing.
    if (pending === undefined && !market.runningBackfills().some((job) => job.id === jobId)) return answerTap(ctx, { text: NOT_RUNNING });
    const outcome = await decideTap(ctx, 'cancel_backfill', jobId);
    if (pending !== undefined) await closeQuestion(ctx, pending, outcome);
  },
};

export const confirmBackfillButton: ButtonDefinition = {
  prefix: BACKFILL_CONFIRM_PREFIX,
  minRole: 'approver',
  handle: async (ctx, jobId) => {
    const pending = ctx.deps.engine.market.pendingBackfill(jobId);
    if (pending === undefined) return answerTap(ctx, { text: NOT_WAITING });
    // A decision tap: recorded before it is answered, carried out once, also after a crash.
    await closeQuestion(ctx, pending, await decideTap(ctx, 'start_backfill', jobId));
  },
};
