import type { CommandDefinition } from '../bot/command.js';
import type { BotContext } from '../bot/context.js';
import { badge } from '../bot/messages/badge.js';
import { html } from '../bot/messages/html.js';
import { toOutboxContent } from '../bot/outbox/to-outbox-content.js';
import { commandArgs } from '../bot/parse/command-args.js';
import { parseResearchArgs, RESEARCH_USAGE } from '../bot/parse/parse-research-args.js';
import { researchStatusSlot } from '../bot/research/create-research-desk.js';
import { researchCostMessage } from '../bot/research/research-cost-message.js';
import { researchStatsMessage } from '../bot/research/research-stats-message.js';
import { researchStatusMessage } from '../bot/research/research-status-message.js';
import { STATS_WINDOW_DAYS } from '../engine/research/create-research.js';
import { replyHtml } from '../bot/reply-html.js';

const OFF = 'Research is off: set ANTHROPIC_API_KEY and restart.';

/** Anyone may read what research costs and how it does; running it is for approvers (gated by the registry). */
export const researchCommand: CommandDefinition = {
  name: 'research',
  description: 'Research with Claude: trade ideas that still need your tap',
  usage: RESEARCH_USAGE,
  minRole: 'viewer',
  subcommands: [
    { name: 'run', usage: '[account] [SYMBOL…]', description: 'Research now (every account with a mandate, or one; its universe, or these symbols)', minRole: 'approver', isDefault: true, effect: 'write' },
    { name: 'cost', description: 'Research spending: today, 7 d and 30 d, by account and model', minRole: 'viewer' },
    { name: 'stats', description: 'Research results: hit rate by confidence, approved vs rejected, cost per idea', minRole: 'viewer' },
  ],
  handle: async (ctx) => {
    const desk = ctx.deps.research;
    const accounts = ctx.deps.engine.accounts().map((a) => a.id);
    const args = parseResearchArgs(commandArgs(ctx), accounts);
    if (!args.ok) return ctx.reply(args.error);
    const mode = ctx.deps.config.tradingMode;
    if (args.value.action === 'cost') {
      if (desk === undefined) return replyHtml(ctx, html`${badge(mode)} · ${OFF}`);
      return replyHtml(ctx, researchCostMessage(await desk.costs(), { mode, enabled: desk.enabled, now: ctx.deps.clock() }));
    }
    if (args.value.action === 'stats') {
      if (desk === undefined) return replyHtml(ctx, html`${badge(mode)} · ${OFF}`);
      return replyHtml(ctx, researchStatsMessage(await desk.stats(), { isLive: desk.isLive, days: STATS_WINDOW_DAYS, enabled: desk.enabled }));
    }
    return startRun(ctx, args.value);
  },
};

/** Answers at once with a status line the background run keeps editing (DESIGN principle 7). */
async function startRun(ctx: BotContext, args: { accountId?: string; symbols?: readonly string[] }) {
  const desk = ctx.deps.research;
  const mode = ctx.deps.config.tradingMode;
  if (desk === undefined || !desk.enabled) return replyHtml(ctx, html`${badge(mode)} · ${OFF}`);
  const withMandate = desk.accountsWithMandate();
  if (args.accountId !== undefined && !withMandate.includes(args.accountId)) {
    return replyHtml(ctx, html`${badge(mode)} · Account ${args.accountId} has no research mandate: add "research": {"mandate": "…"} to it in ACCOUNTS and restart.`);
  }
  const accountIds = args.accountId === undefined ? withMandate : [args.accountId];
  if (accountIds.length === 0) return replyHtml(ctx, html`${badge(mode)} · No account has a research mandate: add "research": {"mandate": "…"} to one in ACCOUNTS and restart.`);
  const chatId = ctx.chat?.id;
  const by = ctx.from?.id;
  if (chatId === undefined || by === undefined) return;
  const [first = ''] = accountIds;
  const status = researchStatusMessage(desk.isLive(first), first, 'starting', { index: 1, of: accountIds.length });
  const sent = await replyHtml(ctx, status);
  const slot = researchStatusSlot(chatId, ctx.deps.clock());
  // The reply becomes an outbox slot: the run's edits to it are durable and collapse.
  await ctx.deps.outbox.adopt(chatId, slot, sent.message_id, toOutboxContent(status));
  await ctx.replyWithChatAction('typing').catch(() => undefined);
  desk.startFromChat({ chatId, statusSlot: slot, accountIds, by, ...(args.symbols === undefined ? {} : { symbols: args.symbols }) });
}
