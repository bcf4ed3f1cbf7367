import type { CommandDefinition } from '../bot/command.js';
import { proposalKeyboard } from '../bot/keyboards/proposal-keyboard.js';
import { ordersMessage } from '../bot/messages/orders-message.js';
import { positionsMessage } from '../bot/messages/positions-message.js';
import { proposalMessage } from '../bot/messages/proposal-message.js';
import { replyHtml } from '../bot/reply-html.js';
import type { BotContext } from '../bot/context.js';

const isLive = (ctx: BotContext) => (accountId: string) => ctx.deps.engine.account(accountId)?.live === true;
const PENDING_SHOWN = 10;

export const pendingCommand: CommandDefinition = {
  name: 'pending',
  description: 'Proposals awaiting approval, with their buttons',
  minRole: 'viewer',
  handle: async (ctx) => {
    const { engine } = ctx.deps;
    const pending = engine.listProposals({ state: 'pending' });
    if (pending.length === 0) return ctx.reply('No proposals awaiting approval.');
    const now = ctx.deps.clock();
    for (const proposal of pending.slice(0, PENDING_SHOWN)) {
      await replyHtml(ctx, proposalMessage(proposal, isLive(ctx)(proposal.accountId), now), proposalKeyboard(proposal));
    }
    if (pending.length > PENDING_SHOWN) await ctx.reply(`…and ${pending.length - PENDING_SHOWN} more (newest shown).`);
  },
};

export const ordersCommand: CommandDefinition = {
  name: 'orders',
  description: 'Recent orders and their status',
  minRole: 'viewer',
  handle: async (ctx) => replyHtml(ctx, ordersMessage(await ctx.deps.engine.listOrders(15), isLive(ctx), ctx.deps.clock())),
};

export const positionsCommand: CommandDefinition = {
  name: 'positions',
  description: 'Positions per account with unrealized P&L',
  minRole: 'viewer',
  handle: async (ctx) => replyHtml(ctx, positionsMessage(await ctx.deps.engine.getPositions())),
};
