import { InputFile } from 'grammy';
import { renderCandles, type ChartFill } from '../bot/charts/render-candles.js';
import type { CommandDefinition } from '../bot/command.js';
import type { BotContext } from '../bot/context.js';
import { formatPrice, quoteCurrencyOf } from '../bot/messages/format-number.js';
import { html, type SafeHtml } from '../bot/messages/html.js';
import { formatTimeIn } from '../bot/messages/jobs-message.js';
import { commandArgs } from '../bot/parse/command-args.js';
import { parseChartArgs, type ChartArgs } from '../bot/parse/parse-chart-args.js';
import { replyHtml } from '../bot/reply-html.js';
import { TIMEFRAME_MS, type Bar } from '../engine/market/bars.js';
import { countOf } from '../engine/text/count-of.js';

/** Enough bars to see a trend, few enough that each candle stays readable at 1,280 pixels. */
const CHART_BARS = 120;
const WATCHLIST_SHOWN = 8;

/**
 * Why there is nothing to draw. A symbol the venue does not list is not a backfill
 * problem: saying "/backfill first" for it would send the person the wrong way.
 */
async function noBarsMessage(ctx: BotContext, args: ChartArgs, venue: string): Promise<SafeHtml> {
  const { engine } = ctx.deps;
  const { symbol, timeframe, accountId } = args;
  let listed: boolean | Error;
  try {
    listed = (await engine.quote(accountId, symbol)) !== undefined;
  } catch (error) {
    listed = error instanceof Error ? error : new Error(String(error));
  }
  if (listed === false) {
    const watchlist = engine.market.watchlist(accountId);
    const shown = watchlist.slice(0, WATCHLIST_SHOWN).join(', ') + (watchlist.length > WATCHLIST_SHOWN ? ', …' : '');
    return html`${symbol} is not a symbol at ${venue} (account ${accountId}).${watchlist.length === 0 ? '' : ` On its watchlist: ${shown}.`}`;
  }
  const backfill = `/backfill ${venue} ${symbol} ${timeframe} 30`;
  if (listed instanceof Error) return html`No ${timeframe} bars for ${symbol} at ${venue}, and ${venue} could not be asked about it (${listed.message}).`;
  return html`No ${timeframe} bars for ${symbol} at ${venue} yet: ${backfill} fetches the last 30 days.`;
}

const toChartFill = (fill: { at: string; price: { toNumber(): number }; side: 'buy' | 'sell' }): ChartFill => ({ at: Date.parse(fill.at), price: fill.price.toNumber(), side: fill.side });

function caption(args: ChartArgs, venue: string, bars: readonly Bar[], fillsShown: number, tz: string, live: boolean): string {
  const last = bars.at(-1);
  const closedAt = last === undefined ? '' : ` to ${formatTimeIn(new Date(last.t + TIMEFRAME_MS[args.timeframe]), tz)}`;
  const close = last === undefined ? '' : `, last close ${formatPrice(last.c)} ${quoteCurrencyOf(args.symbol)}`;
  const fills = fillsShown === 0 ? '' : ` · ${countOf(fillsShown, 'fill')} of ours marked`;
  return `${live ? '🔴 LIVE' : '📄 PAPER'} · ${args.symbol} ${args.timeframe} · ${venue}: ${countOf(bars.length, 'bar')}${closedAt}${close}${fills}`;
}

export const chartCommand: CommandDefinition = {
  name: 'chart',
  description: 'Candlestick chart of the last bars, with volume and our fills',
  usage: 'SYMBOL [timeframe] [@account]',
  minRole: 'viewer',
  handle: async (ctx) => {
    const { engine, displayTimezone: tz } = ctx.deps;
    const args = parseChartArgs(commandArgs(ctx), engine.accounts().map((a) => a.id));
    if (!args.ok) return ctx.reply(args.error);
    const { symbol, timeframe, accountId } = args.value;
    const venue = engine.market.barVenueOf(accountId);
    const bars = await engine.market.bars(venue, symbol, timeframe, CHART_BARS);
    if (bars.length === 0) return replyHtml(ctx, await noBarsMessage(ctx, args.value, venue));
    const from = bars[0]?.t ?? 0;
    const fills = (await engine.outcomes.fillsOf(accountId, symbol)).map(toChartFill).filter((f) => f.at >= from);
    const timeframeMs = TIMEFRAME_MS[timeframe];
    const png = await renderCandles({ title: `${symbol} · ${timeframe} · ${venue}`, bars, timeframeMs, timeZone: tz, quoteCurrency: quoteCurrencyOf(symbol), fills });
    const live = engine.account(accountId)?.live === true;
    return ctx.replyWithPhoto(new InputFile(png, `${symbol.replace('/', '-')}-${timeframe}.png`), { caption: caption(args.value, venue, bars, fills.length, tz, live) });
  },
};
