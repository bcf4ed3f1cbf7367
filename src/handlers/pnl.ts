import { InputFile } from 'grammy';
import { renderEquityCurve } from '../bot/charts/render-equity-curve.js';
import type { CommandDefinition } from '../bot/command.js';
import { formatSignedMoney } from '../bot/messages/format-number.js';
import { pnlMessage } from '../bot/messages/pnl-message.js';
import { replyHtml } from '../bot/reply-html.js';
import { isPnlWindow, PNL_WINDOWS, type PnlWindow } from '../engine/outcomes/pnl-window.js';

export const PNL_USAGE = `Usage: /pnl [${PNL_WINDOWS.join('|')}] [account], e.g. /pnl 7d or /pnl all paper (default: today, all accounts).`;

export type PnlArgs = { ok: true; window: PnlWindow; accountId: string | undefined } | { ok: false; error: string };

/** `[today|7d|30d|all] [account]`, in either order; an account may be written `@name`. */
export function parsePnlArgs(text: string, accounts: readonly string[]): PnlArgs {
  const words = text.split(/\s+/).filter((w) => w.length > 0);
  if (words.length > 2) return { ok: false, error: `Too many arguments. ${PNL_USAGE}` };
  let window: PnlWindow | undefined;
  let accountId: string | undefined;
  for (const word of words) {
    const lower = word.toLowerCase();
    if (isPnlWindow(lower)) {
      if (window !== undefined) return { ok: false, error: `Give one period, not two. ${PNL_USAGE}` };
      window = lower;
      continue;
    }
    const name = lower.replace(/^@/, '');
    const account = accounts.find((id) => id.toLowerCase() === name);
    if (account === undefined) {
      const shown = word.length > 32 ? `${word.slice(0, 32)}…` : word;
      return { ok: false, error: `"${shown}" is neither a period (${PNL_WINDOWS.join(', ')}) nor an account (${accounts.join(', ')}). ${PNL_USAGE}` };
    }
    if (accountId !== undefined) return { ok: false, error: `Give one account, or none for all of them. ${PNL_USAGE}` };
    accountId = account;
  }
  return { ok: true, window: window ?? 'today', accountId };
}


export const pnlCommand: CommandDefinition = {
  name: 'pnl',
  description: 'Profit and loss: realized, unrealized, win rate, drawdown, equity curve',
  usage: '[today|7d|30d|all] [account]',
  minRole: 'viewer',
  handle: async (ctx) => {
    const { outcomes } = ctx.deps.engine;
    const accounts = ctx.deps.engine.accounts();
    const args = parsePnlArgs(typeof ctx.match === 'string' ? ctx.match : '', accounts.map((a) => a.id));
    if (!args.ok) return ctx.reply(args.error);
    const report = await outcomes.pnl(args.window, args.accountId);
    await replyHtml(ctx, pnlMessage(report, { accounts, ...(args.accountId === undefined ? {} : { accountId: args.accountId }) }));
    // A curve needs something on it: a closed trade or an open position.
    if (report.trades.length === 0 && report.open.length === 0) return;
    const scope = args.accountId ?? 'all accounts';
    const label = report.range?.label ?? args.window;
    const png = await renderEquityCurve(`P&L · ${label} · ${scope}`, report.curve);
    const { realized, unrealized } = report.totals;
    return ctx.replyWithPhoto(new InputFile(png, `pnl-${args.window}.png`), {
      caption: `Equity curve · ${label} · ${scope}: realized ${formatSignedMoney(realized)}, unrealized ${formatSignedMoney(unrealized)}`,
    });
  },
};
