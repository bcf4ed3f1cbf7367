import type { CommandDefinition } from '../bot/command.js';
import { ordersMessage } from '../bot/messages/orders-message.js';
import { positionsMessage } from '../bot/messages/positions-message.js';
import { replyHtml } from '../bot/reply-html.js';
import type { BotContext } from '../bot/context.js';

const isLive = (ctx: BotContext) => (accountId: string) => ctx.deps.engine.account(accountId)?.live === true;

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
