import { InputFile } from 'grammy';
import { renderCandles } from '../bot/charts/render-candles.js';
import type { CommandDefinition } from '../bot/command.js';
import type { BotContext } from '../bot/context.js';
import { html } from '../bot/messages/html.js';
import { gatesMessage, scanMessage, watchlistMessage } from '../bot/messages/market-messages.js';
import { normalizeSymbol } from '../bot/parse-propose-args.js';
import { replyHtml } from '../bot/reply-html.js';
import { isTimeframe } from '../engine/market/bars.js';

/** The named account, or the first configured one when none is named. */
function pickAccount(ctx: BotContext, name: string | undefined): string | undefined {
  const accounts = ctx.deps.engine.accounts().map((a) => a.id);
  if (name === undefined) return accounts[0];
  return accounts.includes(name.toLowerCase()) ? name.toLowerCase() : undefined;
}

const argsOf = (ctx: BotContext) => (typeof ctx.match === 'string' ? ctx.match.split(/\s+/).filter((w) => w.length > 0) : []);

/** The words of the command, and the account an `@account` word names (default: the first). */
function argsWithAccount(ctx: BotContext): { words: string[]; account: string | undefined; named: string } {
  const words = argsOf(ctx);
  const at = words.find((w) => w.startsWith('@'));
  return { words: words.filter((w) => w !== at), account: pickAccount(ctx, at?.slice(1)), named: at?.slice(1) ?? '' };
}

export const scanCommand: CommandDefinition = {
  name: 'scan',
  description: 'Run the strategies over the watchlists now',
  usage: '[account]',
  minRole: 'approver',
  handle: async (ctx) => {
    const [name] = argsOf(ctx);
    const account = pickAccount(ctx, name);
    if (account === undefined) return ctx.reply(`Unknown account "${name ?? ''}".`);
    await ctx.reply('Scanning…');
    // A scan reads bars and runs every strategy: in the background, the summary follows.
    ctx.deps.engine.tasks.run('scan', async () => {
      const scans = await ctx.deps.engine.market.scan(name === undefined ? undefined : [account]);
      await replyHtml(ctx, scanMessage(scans));
    });
  },
};

export const gatesCommand: CommandDefinition = {
  name: 'gates',
  description: 'What blocks trading: top blocking gates and reasons',
  usage: '[last N decisions, default 500]',
  minRole: 'viewer',
  handle: async (ctx) => {
    const [raw] = argsOf(ctx);
    const limit = raw === undefined ? 500 : Number(raw);
    if (!Number.isInteger(limit) || limit < 1 || limit > 100_000) return ctx.reply('Give the number of decisions as a whole number from 1 to 100000, e.g. /gates 200.');
    return replyHtml(ctx, gatesMessage(await ctx.deps.engine.market.gateStats(limit)));
  },
};

export const watchCommand: CommandDefinition = {
  name: 'watch',
  description: 'Show or change a watchlist',
  usage: 'list|add|remove [SYMBOL …] [@account]',
  minRole: 'viewer',
  handle: async (ctx) => {
    const { words, account, named } = argsWithAccount(ctx);
    if (account === undefined) return ctx.reply(`Unknown account "${named}".`);
    const [action = 'list', ...rest] = words;
    const market = ctx.deps.engine.market;
    if (action === 'list') return replyHtml(ctx, watchlistMessage(account, market.watchlist(account)));
    if (action !== 'add' && action !== 'remove') return ctx.reply('Use /watch list, /watch add SYMBOL …, or /watch remove SYMBOL … (add @account for another account).');
    if (ctx.role === 'viewer') return ctx.reply('Changing a watchlist needs the approver role.');
    const symbols = rest.map((s) => normalizeSymbol(s));
    const bad = symbols.find((s) => !s.ok);
    if (bad !== undefined && !bad.ok) return ctx.reply(bad.error);
    if (symbols.length === 0) return ctx.reply(`Name the symbols to ${action}, e.g. /watch ${action} BTC/USDT.`);
    const list = symbols.map((s) => (s.ok ? s.value : ''));
    const result = await market.changeWatchlist(account, action === 'add' ? { add: list } : { remove: list });
    if (result.kind === 'invalid') return ctx.reply(`Watchlist not changed: ${result.problem}.`);
    return replyHtml(ctx, watchlistMessage(account, result.symbols, action === 'add' ? `Added ${result.added.join(', ') || 'nothing new'}.` : `Removed ${result.removed.join(', ')}.`));
  },
};

export const chartCommand: CommandDefinition = {
  name: 'chart',
  description: 'Candlestick chart of the last bars',
  usage: 'SYMBOL [timeframe] [@account]',
  minRole: 'viewer',
  handle: async (ctx) => {
    const { words, account } = argsWithAccount(ctx);
    const [rawSymbol, timeframe = '1h'] = words;
    const symbol = normalizeSymbol(rawSymbol ?? '');
    if (account === undefined || rawSymbol === undefined || !symbol.ok || !isTimeframe(timeframe)) {
      return ctx.reply('Usage: /chart SYMBOL [1m|5m|15m|1h|4h|1d] [@account], e.g. /chart BTC/USDT 1h');
    }
    const venue = ctx.deps.engine.market.barVenueOf(account);
    const bars = await ctx.deps.engine.market.bars(venue, symbol.value, timeframe, 120);
    if (bars.length === 0) return replyHtml(ctx, html`No ${timeframe} bars for ${symbol.value} at ${venue} yet: /backfill first.`);
    const png = await renderCandles(`${symbol.value} ${timeframe} · ${venue}`, bars);
    return ctx.replyWithPhoto(new InputFile(png, `${symbol.value.replace('/', '-')}-${timeframe}.png`), {
      caption: `${symbol.value} ${timeframe}: last ${bars.length} bars, close ${bars.at(-1)?.c ?? ''}`,
    });
  },
};
