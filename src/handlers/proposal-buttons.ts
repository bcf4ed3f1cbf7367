import type { ButtonDefinition } from '../bot/command.js';
import { answerTap, decideTap, recordTap } from '../bot/inbound/record-tap.js';
import type { IntentExecutor } from '../bot/inbound/intent-executor.js';
import { APPROVE_PREFIX, DETAILS_PREFIX, REJECT_PREFIX } from '../bot/keyboards/proposal-keyboard.js';
import { proposalDetailsMessage } from '../bot/messages/proposal-details-message.js';
import { plainBadge } from '../bot/messages/badge.js';
import { replyHtml } from '../bot/reply-html.js';
import type { DecisionResult } from '../engine/approvals/decide-proposal.js';

/** What a tap on a decided, expired or unknown proposal is told. */
function settledAnswer(result: DecisionResult): string {
  if (result.kind === 'not_found') return 'This proposal no longer exists.';
  if (result.kind !== 'already_decided') return 'Done.';
  const { proposal } = result;
  if (proposal.decision !== undefined) return `Already ${proposal.decision.decision} by ${proposal.decision.byName}.`;
  return proposal.state === 'expired' ? 'This proposal expired; nothing was executed.' : `This proposal is ${proposal.state}.`;
}

const CHECKING = 'Checking the price and limits…';

/**
 * Carries out a recorded Approve: the re-check (fresh price, every gate) and, when it
 * passes, the approval; execution follows in the background. What the card edits cannot
 * say (a refusal, someone else was first) goes to the chat.
 */
export const approveIntent: IntentExecutor = async (intent, { engine }, { recovered }) => {
  const result = await engine.approve(intent.target, intent.user);
  if (result.kind === 'approved') return { result: 'approved', toast: CHECKING };
  if (result.kind === 'refused') return { result: `refused: ${result.reason}`, toast: CHECKING, message: `${plainBadge(engine.account(result.proposal.accountId)?.live === true ? 'live' : 'paper')} · Approval refused: ${result.reason}` };
  const text = settledAnswer(result);
  // Found at start-up and decided by this same person: this very tap, decided before the crash.
  const own = recovered && result.kind === 'already_decided' && result.proposal.decision?.by === intent.user.id;
  return { result: result.kind, toast: text, ...(own ? {} : { message: text }) };
};

/** Rejection needs no re-check: it can only make things safer. */
export const rejectIntent: IntentExecutor = async (intent, { engine }) => {
  const result = await engine.reject(intent.target, intent.user);
  return { result: result.kind, toast: result.kind === 'rejected' ? 'Rejected.' : settledAnswer(result) };
};

/**
 * Approve: recorded, answered at once, and carried out in the background (the re-check
 * reads a fresh price); the card edits show the outcome to every approver.
 */
export const approveButton: ButtonDefinition = {
  prefix: APPROVE_PREFIX,
  minRole: 'approver',
  handle: async (ctx, id) => {
    const early = await ctx.deps.engine.peekDecision(id);
    if (early !== undefined) return answerTap(ctx, { text: settledAnswer(early) });
    const intent = await recordTap(ctx, 'approve', id);
    if (intent === undefined) return;
    answerTap(ctx, { text: CHECKING });
    ctx.deps.engine.tasks.run(`approve ${id}`, () => ctx.deps.inbound.intents.run(intent));
  },
};

/** Reject is one local write: decided before the answer, which then says how it went. */
export const rejectButton: ButtonDefinition = {
  prefix: REJECT_PREFIX,
  minRole: 'approver',
  handle: async (ctx, id) => {
    const early = await ctx.deps.engine.peekDecision(id);
    if (early !== undefined) return answerTap(ctx, { text: settledAnswer(early) });
    await decideTap(ctx, 'reject', id);
  },
};

export const detailsButton: ButtonDefinition = {
  prefix: DETAILS_PREFIX,
  minRole: 'viewer',
  handle: async (ctx, id) => {
    const proposal = await ctx.deps.engine.getProposal(id);
    answerTap(ctx, proposal === undefined ? { text: 'This proposal no longer exists.' } : {});
    if (proposal !== undefined) await replyHtml(ctx, proposalDetailsMessage(proposal, ctx.deps.clock(), ctx.deps.engine.account(proposal.accountId)?.live === true));
  },
};
