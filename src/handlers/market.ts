import type { CommandDefinition } from '../bot/command.js';
import type { BotContext } from '../bot/context.js';
import { joinHtml } from '../bot/messages/html.js';
import { gatesMessage, scanMessage, watchlistMessage } from '../bot/messages/market-messages.js';
import { calibrationMessage } from '../bot/messages/calibration-message.js';
import { commandArgs } from '../bot/parse/command-args.js';
import { GATES_DEFAULT_LIMIT, parseGatesArgs } from '../bot/parse/parse-gates-args.js';
import { parseScanArgs } from '../bot/parse/parse-scan-args.js';
import { parseWatchArgs, WATCH_USAGE } from '../bot/parse/parse-watch-args.js';
import { replyHtml } from '../bot/reply-html.js';

const accountIds = (ctx: BotContext) => ctx.deps.engine.accounts().map((a) => a.id);

export const scanCommand: CommandDefinition = {
  name: 'scan',
  description: 'Run the strategies over the watchlists now',
  usage: '[account]',
  minRole: 'approver',
  // A scan proposes what it finds.
  effect: 'write',
  handle: async (ctx) => {
    const args = parseScanArgs(commandArgs(ctx), accountIds(ctx));
    if (!args.ok) return ctx.reply(args.error);
    const { accountId } = args.value;
    await ctx.reply('Scanning…');
    // A scan reads bars and runs every strategy: in the background, the summary follows.
    ctx.deps.engine.tasks.run('scan', async () => {
      const scans = await ctx.deps.engine.market.scan(accountId === undefined ? undefined : [accountId]);
      await replyHtml(ctx, scanMessage(scans, ctx.deps.config.tradingMode));
    });
  },
};

export const gatesCommand: CommandDefinition = {
  name: 'gates',
  description: 'What blocks trading (top gates and reasons), and what confidence means',
  usage: `[last N decisions, default ${GATES_DEFAULT_LIMIT}]`,
  minRole: 'viewer',
  handle: async (ctx) => {
    const limit = parseGatesArgs(commandArgs(ctx));
    if (!limit.ok) return ctx.reply(limit.error);
    return replyHtml(ctx, joinHtml([gatesMessage(await ctx.deps.engine.market.gateStats(limit.value)), calibrationMessage(ctx.deps.engine.market.calibration(), ctx.deps.config.market)], '\n\n'));
  },
};

/** Anyone may read a watchlist; changing one is for approvers (gated by the registry). */
export const watchCommand: CommandDefinition = {
  name: 'watch',
  description: 'Show or change a watchlist',
  usage: WATCH_USAGE,
  minRole: 'viewer',
  subcommands: [
    { name: 'list', usage: '[@account]', description: 'Show a watchlist', minRole: 'viewer' },
    { name: 'add', usage: 'SYMBOL … [@account]', description: 'Add symbols to a watchlist', minRole: 'approver', effect: 'write' },
    { name: 'remove', usage: 'SYMBOL … [@account]', description: 'Remove symbols from a watchlist', minRole: 'approver', effect: 'write' },
  ],
  handle: async (ctx) => {
    const args = parseWatchArgs(commandArgs(ctx), accountIds(ctx));
    if (!args.ok) return ctx.reply(args.error);
    const { market } = ctx.deps.engine;
    const request = args.value;
    if (request.action === 'list') return replyHtml(ctx, watchlistMessage(request.accountId, market.watchlist(request.accountId)));
    const adding = request.action === 'add';
    const result = await market.changeWatchlist(request.accountId, adding ? { add: request.symbols } : { remove: request.symbols });
    if (result.kind === 'invalid') return ctx.reply(`Watchlist not changed: ${result.problem}.`);
    const done = adding ? `Added ${result.added.join(', ') || 'nothing new'}.` : `Removed ${result.removed.join(', ')}.`;
    return replyHtml(ctx, watchlistMessage(request.accountId, result.symbols, done));
  },
};
