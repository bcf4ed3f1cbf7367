import type { PeriodReport } from '../../engine/outcomes/create-outcomes.js';
import { formatSignedMoney, formatTime, quoteCurrencyOf } from './format-number.js';
import { html, joinHtml, type SafeHtml } from './html.js';
import { byAccountLines, bySourceLines, caveatLines, pnlSummaryLines, reportCurrency, scopeBadge, type AccountModes } from './pnl-message.js';

function header(title: string, report: PeriodReport, accounts: AccountModes): SafeHtml {
  const to = report.range.to;
  return html`${scopeBadge(accounts)} · <b>${title}</b> · ${report.range.label} to ${formatTime(to.toISOString(), to)}`;
}

function approvalsLine(report: PeriodReport): SafeHtml {
  const a = report.approvals;
  return html`Proposals ${a.proposals} · approved ${a.approved} · rejected ${a.rejected} · expired ${a.expired}`;
}

/** The 17:00 ET summary: the day's P&L (the same numbers as /pnl), approvals, by account. */
export function dailyReportMessage(report: PeriodReport, accounts: AccountModes): SafeHtml {
  return joinHtml([
    header('Daily report', report, accounts),
    ...pnlSummaryLines(report.pnl.totals, reportCurrency(report.pnl)),
    approvalsLine(report),
    ...byAccountLines(report.pnl, accounts),
    ...caveatLines(report.pnl),
  ]);
}

/** The week: the daily numbers over 7 days, plus by source and the best and worst trade. */
export function weeklyReportMessage(report: PeriodReport, accounts: AccountModes): SafeHtml {
  const trades = [...report.pnl.trades].sort((a, b) => b.realized.comparedTo(a.realized));
  const best = trades[0];
  const worst = trades.at(-1);
  const extremes =
    best === undefined || worst === undefined
      ? []
      : [html`Best trade ${best.symbol} ${formatSignedMoney(best.realized, quoteCurrencyOf(best.symbol))} (${best.accountId}) · worst ${worst.symbol} ${formatSignedMoney(worst.realized, quoteCurrencyOf(worst.symbol))} (${worst.accountId})`];
  return joinHtml([
    header('Weekly report', report, accounts),
    ...pnlSummaryLines(report.pnl.totals, reportCurrency(report.pnl)),
    ...extremes,
    approvalsLine(report),
    ...byAccountLines(report.pnl, accounts),
    ...bySourceLines(report.pnl),
    ...caveatLines(report.pnl),
  ]);
}
