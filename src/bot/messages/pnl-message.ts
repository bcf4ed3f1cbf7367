import type { AccountProfile } from '../../engine/accounts/account-profile.js';
import type { Decimal } from '../../engine/money/decimal.js';
import type { PnlStats } from '../../engine/outcomes/calculate-pnl-stats.js';
import type { PnlReport } from '../../engine/outcomes/calculate-pnl.js';
import { badge } from './badge.js';
import { UNREALIZED_NOTE } from './positions-message.js';
import { countOf } from '../../engine/text/count-of.js';
import { formatMoney, formatPercent, formatQuantity, formatSignedMoney, quoteCurrencies } from './format-number.js';
import { html, joinHtml, type SafeHtml } from './html.js';

/** The configured accounts, for the PAPER/LIVE badges. */
export type AccountModes = readonly Pick<AccountProfile, 'id' | 'live'>[];

const isLive = (accounts: AccountModes, id: string) => accounts.find((a) => a.id === id)?.live === true;

/** LIVE as soon as one account in scope is live: real money is never labelled paper. */
export function scopeBadge(accounts: AccountModes, accountId?: string): SafeHtml {
  const scope = accountId === undefined ? accounts.map((a) => a.id) : [accountId];
  return badge(scope.some((id) => isLive(accounts, id)) ? 'live' : 'paper');
}

const rate = (r: number | undefined) => (r === undefined ? '—' : formatPercent(r));

function currenciesOf(report: Pick<PnlReport, 'trades' | 'open'>, accountId?: string): string[] {
  const mine = (x: { accountId: string }) => accountId === undefined || x.accountId === accountId;
  return quoteCurrencies([...report.trades.filter(mine), ...report.open.filter(mine)].map((x) => x.symbol));
}

/**
 * The currency of a report's numbers: its symbols' quote currency. Undefined when they
 * mix currencies (USD stocks and USDT pairs): the amounts then go without one, and a line
 * says they were added one to one.
 */
export function reportCurrency(report: Pick<PnlReport, 'trades' | 'open'>, accountId?: string): string | undefined {
  const currencies = currenciesOf(report, accountId);
  return currencies.length === 1 ? currencies[0] : undefined;
}

/** Realized, unrealized, total; the trade statistics; drawdown and fees. */
export function pnlSummaryLines(stats: PnlStats, currency?: string): SafeHtml[] {
  const money = (d: Decimal | undefined) => (d === undefined ? '—' : formatSignedMoney(d, currency));
  const factor = stats.profitFactor === undefined ? (stats.wins > 0 ? '— (no losses)' : '—') : stats.profitFactor.toFixed(2);
  const drawdown = stats.maxDrawdown.pct === undefined ? '' : ` (${formatPercent(stats.maxDrawdown.pct)})`;
  return [
    html`Realized <b>${money(stats.realized)}</b> · unrealized ${money(stats.unrealized)} (after entry fees) · total <b>${money(stats.total)}</b>`,
    html`${countOf(stats.trades, 'closed trade')} · win rate ${rate(stats.winRate)} · avg win ${money(stats.averageWin)} · avg loss ${money(stats.averageLoss)}`,
    html`Profit factor ${factor} · max drawdown ${formatMoney(stats.maxDrawdown.amount, currency)}${drawdown} · fees ${formatMoney(stats.fees, currency)}`,
  ];
}

/** One line per group: enough to compare accounts or sources at a glance. */
export function groupLine(prefix: SafeHtml, name: string, s: PnlStats, currency?: string): SafeHtml {
  const money = (d: Decimal) => formatSignedMoney(d, currency);
  return html`${prefix}<b>${name}</b>: realized ${money(s.realized)} · unrealized ${money(s.unrealized)} · ${countOf(s.trades, 'trade')} · win ${rate(s.winRate)}`;
}

export function byAccountLines(report: PnlReport, accounts: AccountModes): SafeHtml[] {
  const rows = Object.entries(report.byAccount);
  return rows.length === 0 ? [] : [html`\n<b>By account</b>`, ...rows.map(([id, s]) => groupLine(html`${badge(isLive(accounts, id) ? 'live' : 'paper')} `, id, s, reportCurrency(report, id)))];
}

export function bySourceLines(report: PnlReport): SafeHtml[] {
  const rows = Object.entries(report.bySource);
  const currency = reportCurrency(report);
  return rows.length === 0 ? [] : [html`\n<b>By source</b> (realized to the source that opened the position)`, ...rows.map(([source, s]) => groupLine(html``, source, s, currency))];
}

/** What the numbers leave out, said rather than hidden. */
export function caveatLines(report: PnlReport): SafeHtml[] {
  const lines: SafeHtml[] = [];
  if (report.unpriced.length > 0) {
    const list = report.unpriced.map((u) => `${u.symbol} ${formatQuantity(u.quantity)} (${u.accountId})`).join(', ');
    lines.push(html`⚠️ No price, left out of unrealized: ${list}`);
  }
  if (report.unmatched.length > 0) {
    const list = report.unmatched.map((u) => `${u.symbol} ${formatQuantity(u.quantity)} (${u.accountId})`).join(', ');
    lines.push(html`⚠️ Sold beyond the buys on record, no P&amp;L counted: ${list}`);
  }
  const currencies = currenciesOf(report);
  if (currencies.length > 1) lines.push(html`Amounts are in ${currencies.join(' and ')}, added one to one.`);
  if (report.open.length > 0) lines.push(html`<i>${UNREALIZED_NOTE}</i>`);
  return lines;
}

export interface PnlMessageOptions {
  readonly accounts: AccountModes;
  /** The one account asked for; all when undefined. */
  readonly accountId?: string;
}

/** The /pnl answer: totals, statistics, then by account and by source. */
export function pnlMessage(report: PnlReport, options: PnlMessageOptions): SafeHtml {
  const scope = options.accountId ?? 'all accounts';
  const head = html`${scopeBadge(options.accounts, options.accountId)} · <b>P&amp;L</b> · ${report.range?.label ?? 'all time'} · ${scope}`;
  if (report.trades.length === 0 && report.open.length === 0 && report.totals.fees.isZero()) {
    return joinHtml([head, html`No trades closed and nothing open in this period.`]);
  }
  const noChart = report.trades.length === 0 ? [html`No trade closed in this period yet, so there is no P&amp;L chart.`] : [];
  return joinHtml([head, ...pnlSummaryLines(report.totals, reportCurrency(report)), ...noChart, ...byAccountLines(report, options.accounts), ...bySourceLines(report), ...caveatLines(report)]);
}
