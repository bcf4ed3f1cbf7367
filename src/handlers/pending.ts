import type { CommandDefinition } from '../bot/command.js';
import type { BotContext } from '../bot/context.js';
import { cardMovedMessage } from '../bot/messages/card-moved-message.js';
import { proposalKeyboard } from '../bot/keyboards/proposal-keyboard.js';
import { proposalMessage } from '../bot/messages/proposal-message.js';
import { replyHtml } from '../bot/reply-html.js';
import { cardSlot, toOutboxContent } from '../bot/outbox/to-outbox-content.js';
import type { Proposal } from '../engine/proposals/proposal.js';

const PENDING_SHOWN = 10;

export const pendingCommand: CommandDefinition = {
  name: 'pending',
  description: 'Proposals awaiting approval, with their buttons',
  minRole: 'viewer',
  handle: async (ctx) => {
    const pending = ctx.deps.engine.listProposals({ state: 'pending' });
    if (pending.length === 0) return ctx.reply('No proposals awaiting approval.');
    for (const proposal of pending.slice(0, PENDING_SHOWN)) await showCardAgain(ctx, proposal);
    if (pending.length > PENDING_SHOWN) await ctx.reply(`…and ${pending.length - PENDING_SHOWN} more (newest shown).`);
  },
};

/**
 * The card is posted again at the bottom of the chat and becomes the copy the outbox keeps
 * current (README: every copy is edited in place). The chat's older copy, if any, is
 * edited to point down here, so no copy keeps buttons that no longer act.
 */
async function showCardAgain(ctx: BotContext, proposal: Proposal): Promise<void> {
  const live = ctx.deps.engine.account(proposal.accountId)?.live === true;
  const text = proposalMessage(proposal, live, ctx.deps.clock());
  const keyboard = proposalKeyboard(proposal);
  const sent = await replyHtml(ctx, text, keyboard);
  await ctx.deps.outbox.repost(sent.chat.id, cardSlot(proposal.id), sent.message_id, toOutboxContent(text, keyboard), toOutboxContent(cardMovedMessage(proposal, live)));
}
