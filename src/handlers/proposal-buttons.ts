import type { ButtonDefinition } from '../bot/command.js';
import type { BotContext } from '../bot/context.js';
import { APPROVE_PREFIX, DETAILS_PREFIX, REJECT_PREFIX } from '../bot/keyboards/proposal-keyboard.js';
import { proposalDetailsMessage } from '../bot/messages/proposal-details-message.js';
import { replyHtml } from '../bot/reply-html.js';
import type { DecisionResult } from '../engine/approvals/decide-proposal.js';

/** What a tap on a decided, expired or unknown proposal is told, as a toast. */
function settledAnswer(result: DecisionResult): string {
  if (result.kind === 'not_found') return 'This proposal no longer exists.';
  if (result.kind !== 'already_decided') return 'Done.';
  const { proposal } = result;
  if (proposal.decision !== undefined) return `Already ${proposal.decision.decision} by ${proposal.decision.byName}.`;
  return proposal.state === 'expired' ? 'This proposal expired; nothing was executed.' : `This proposal is ${proposal.state}.`;
}

const decider = (ctx: BotContext) => ({
  id: ctx.from?.id ?? 0,
  name: ctx.from?.username === undefined ? (ctx.from?.first_name ?? 'someone') : `@${ctx.from.username}`,
});

/**
 * Approve: answered at once; the re-check (fresh price, every gate) and the execution run
 * in the background, and the message edits show the outcome to every approver.
 */
export const approveButton: ButtonDefinition = {
  prefix: APPROVE_PREFIX,
  minRole: 'approver',
  handle: async (ctx, id) => {
    const early = await ctx.deps.engine.peekDecision(id);
    if (early !== undefined) return ctx.answerCallbackQuery({ text: settledAnswer(early) });
    await ctx.answerCallbackQuery({ text: 'Checking the price and limits…' });
    const by = decider(ctx);
    ctx.deps.engine.tasks.run(`approve ${id}`, async () => {
      const result = await ctx.deps.engine.approve(id, by);
      if (result.kind === 'refused') await ctx.reply(`Approval refused: ${result.reason}`);
      else if (result.kind === 'already_decided' || result.kind === 'not_found') await ctx.reply(settledAnswer(result));
    });
  },
};

/** Reject needs no re-check and is one local write: decided before the answer. */
export const rejectButton: ButtonDefinition = {
  prefix: REJECT_PREFIX,
  minRole: 'approver',
  handle: async (ctx, id) => {
    const result = await ctx.deps.engine.reject(id, decider(ctx));
    return ctx.answerCallbackQuery({ text: result.kind === 'rejected' ? 'Rejected.' : settledAnswer(result) });
  },
};

export const detailsButton: ButtonDefinition = {
  prefix: DETAILS_PREFIX,
  minRole: 'viewer',
  handle: async (ctx, id) => {
    const proposal = await ctx.deps.engine.getProposal(id);
    await ctx.answerCallbackQuery(proposal === undefined ? { text: 'This proposal no longer exists.' } : {});
    if (proposal !== undefined) await replyHtml(ctx, proposalDetailsMessage(proposal, ctx.deps.clock()));
  },
};
