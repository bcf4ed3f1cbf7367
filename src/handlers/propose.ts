import type { CommandDefinition } from '../bot/command.js';
import { PROPOSE_CONVERSATION } from '../bot/conversations/propose-conversation.js';
import { proposeResultMessage } from '../bot/messages/propose-result-message.js';
import { html } from '../bot/messages/html.js';
import { commandArgs } from '../bot/parse/command-args.js';
import { parseProposeArgs, PROPOSE_USAGE } from '../bot/parse/parse-propose-args.js';
import { replyHtml } from '../bot/reply-html.js';

/** One line (`/propose paper BTC/USDT buy 0.01`) or, without arguments, step by step. */
export const proposeCommand: CommandDefinition = {
  name: 'propose',
  description: 'Propose a trade (step by step, or in one line)',
  usage: `[${PROPOSE_USAGE}]`,
  minRole: 'approver',
  // One /propose makes one proposal, even when Telegram delivers it again after a crash.
  effect: 'write',
  handle: async (ctx) => {
    const args = commandArgs(ctx);
    if (args.trim() === '') return ctx.conversation.enter(PROPOSE_CONVERSATION);
    const parsed = parseProposeArgs(args, ctx.deps.engine.accounts().map((a) => a.id));
    if (!parsed.ok) return replyHtml(ctx, html`${parsed.error}`);
    const { limitPrice, ...rest } = parsed.value;
    const result = await ctx.deps.engine.propose({
      ...rest,
      orderType: limitPrice === undefined ? 'market' : 'limit',
      ...(limitPrice === undefined ? {} : { limitPrice }),
      source: 'manual',
      confidence: 1,
      rationale: 'Proposed by hand in the chat.',
      ...(ctx.from === undefined ? {} : { createdBy: ctx.from.id }),
    });
    return replyHtml(ctx, proposeResultMessage(result, ctx.deps.engine.account(rest.accountId)?.live === true));
  },
};
