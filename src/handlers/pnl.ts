import { InputFile } from 'grammy';
import { renderEquityCurve } from '../bot/charts/render-equity-curve.js';
import type { CommandDefinition } from '../bot/command.js';
import { formatSignedMoney } from '../bot/messages/format-number.js';
import { pnlMessage } from '../bot/messages/pnl-message.js';
import { commandArgs } from '../bot/parse/command-args.js';
import { parsePnlArgs } from '../bot/parse/parse-pnl-args.js';
import { replyHtml } from '../bot/reply-html.js';

export const pnlCommand: CommandDefinition = {
  name: 'pnl',
  description: 'Profit and loss: realized, unrealized, win rate, drawdown, equity curve',
  usage: '[today|7d|30d|all] [account]',
  minRole: 'viewer',
  handle: async (ctx) => {
    const { engine } = ctx.deps;
    const accounts = engine.accounts();
    const args = parsePnlArgs(commandArgs(ctx), accounts.map((a) => a.id));
    if (!args.ok) return ctx.reply(args.error);
    const { window, accountId } = args.value;
    const report = await engine.outcomes.pnl(window, accountId);
    await replyHtml(ctx, pnlMessage(report, { accounts, ...(accountId === undefined ? {} : { accountId }) }));
    // A curve needs something on it: a closed trade or an open position.
    if (report.trades.length === 0 && report.open.length === 0) return;
    const scope = accountId ?? 'all accounts';
    const label = report.range?.label ?? window;
    const png = await renderEquityCurve(`P&L · ${label} · ${scope}`, report.curve);
    const { realized, unrealized } = report.totals;
    return ctx.replyWithPhoto(new InputFile(png, `pnl-${window}.png`), {
      caption: `Equity curve · ${label} · ${scope}: realized ${formatSignedMoney(realized)}, unrealized ${formatSignedMoney(unrealized)}`,
    });
  },
};
