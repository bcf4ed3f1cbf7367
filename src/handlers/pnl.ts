import { InputFile } from 'grammy';
import { renderEquityCurve } from '../bot/charts/render-equity-curve.js';
import type { CommandDefinition } from '../bot/command.js';
import { formatSignedMoney } from '../bot/messages/format-number.js';
import { pnlMessage, reportCurrency } from '../bot/messages/pnl-message.js';
import { commandArgs } from '../bot/parse/command-args.js';
import { parsePnlArgs } from '../bot/parse/parse-pnl-args.js';
import { replyHtml } from '../bot/reply-html.js';

export const pnlCommand: CommandDefinition = {
  name: 'pnl',
  description: 'Profit and loss: realized, unrealized, win rate, drawdown, P&L chart',
  usage: '[today|7d|30d|all] [account]',
  minRole: 'viewer',
  handle: async (ctx) => {
    const { engine, displayTimezone } = ctx.deps;
    const accounts = engine.accounts();
    const args = parsePnlArgs(commandArgs(ctx), accounts.map((a) => a.id));
    if (!args.ok) return ctx.reply(args.error);
    const { window, accountId } = args.value;
    const report = await engine.outcomes.pnl(window, accountId);
    await replyHtml(ctx, pnlMessage(report, { accounts, ...(accountId === undefined ? {} : { accountId }) }));
    // The chart is the realized line: without a closed trade there is none to draw (the message says so).
    if (report.trades.length === 0) return;
    const scope = accountId ?? 'all accounts';
    const title = `P&L · ${report.range?.label ?? window} · ${scope}`;
    const currency = reportCurrency(report);
    const png = await renderEquityCurve({ title, points: report.curve, currency, timeZone: displayTimezone });
    const { realized, unrealized } = report.totals;
    const live = accounts.some((a) => (accountId === undefined || a.id === accountId) && a.live);
    return ctx.replyWithPhoto(new InputFile(png, `pnl-${window}.png`), {
      caption: `${live ? '🔴 LIVE' : '📄 PAPER'} · ${title}: realized ${formatSignedMoney(realized, currency)}, unrealized ${formatSignedMoney(unrealized, currency)} (after entry fees)`,
    });
  },
};
