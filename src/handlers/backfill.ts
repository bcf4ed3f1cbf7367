import type { ButtonDefinition, CommandDefinition } from '../bot/command.js';
import { BACKFILL_CANCEL_PREFIX } from '../bot/backfill-progress-view.js';
import { BACKFILL_CONVERSATION } from '../bot/conversations/backfill-conversation.js';
import { startBackfillFromChat } from '../bot/conversations/start-backfill-from-chat.js';
import { BACKFILL_USAGE, parseDays, parseSymbolList, parseTimeframes, parseVenue } from '../bot/parse-backfill-args.js';

/** Step by step, or in one line: `/backfill sim BTC/USDT,ETH/USDT 1h,1d 180`. */
export const backfillCommand: CommandDefinition = {
  name: 'backfill',
  description: 'Fetch and store history (step by step, or in one line)',
  usage: `[${BACKFILL_USAGE}]`,
  minRole: 'approver',
  handle: async (ctx) => {
    const words = typeof ctx.match === 'string' ? ctx.match.split(/\s+/).filter((w) => w.length > 0) : [];
    if (words.length === 0) return ctx.conversation.enter(BACKFILL_CONVERSATION);
    const { market } = ctx.deps.engine;
    const [rawVenue = '', rawSymbols = '', rawTimeframes = '', rawDays = ''] = words;
    const venue = parseVenue(rawVenue, market.venues());
    if (!venue.ok) return ctx.reply(`${venue.error} Usage: /backfill ${BACKFILL_USAGE}`);
    const symbols = parseSymbolList(rawSymbols, market.watchlistOfVenue(venue.value));
    const timeframes = parseTimeframes(rawTimeframes);
    const days = parseDays(rawDays);
    for (const part of [symbols, timeframes, days]) if (!part.ok) return ctx.reply(`${part.error} Usage: /backfill ${BACKFILL_USAGE}`);
    if (!symbols.ok || !timeframes.ok || !days.ok) return;
    return startBackfillFromChat(ctx, ctx.deps.engine, { venue: venue.value, symbols: symbols.value, timeframes: timeframes.value, days: days.value }, ctx.from?.id);
  },
};

export const cancelBackfillButton: ButtonDefinition = {
  prefix: BACKFILL_CANCEL_PREFIX,
  minRole: 'approver',
  handle: async (ctx, jobId) => {
    const canceled = ctx.deps.engine.market.cancelBackfill(jobId);
    await ctx.answerCallbackQuery({ text: canceled ? 'Canceling; the report follows.' : 'This backfill is no longer running.' });
  },
};
