import type { ApprovalAnalytics } from '../../engine/stats/create-approval-analytics.js';
import type { RateGroup, WindowRates } from '../../engine/stats/calculate-rate-table.js';
import { SHADOW_GROUPS, type ShadowGroup, type ShadowMark, type ShadowPnl } from '../../engine/stats/calculate-shadow-pnl.js';
import { describeChange, describeExcursion } from '../../engine/stats/describe-suggestion.js';
import { formatPercent } from './format-number.js';
import { html, joinHtml, type SafeHtml } from './html.js';
import { formatDuration } from './format-duration.js';

const GROUP_TITLE: Record<RateGroup['kind'], string> = { all: 'All accounts', account: 'Account', source: 'Source', strategy: 'Strategy' };

const pct = (share: number) => formatPercent(share, 0);

/** One window in a line: "7 d: pass 35% (7 of 20) · approved 3 of 5 (60% of decided) · expired 1 (20%) · median 4 min". */
export function windowLine(w: WindowRates): string {
  const pass = w.passRate === undefined ? 'pass —' : `pass ${pct(w.passRate)} (${w.proposed} of ${w.evaluated})`;
  const c = w.decisions;
  const decided = c.approved + c.rejected + c.expired;
  if (decided === 0) return `${w.window.label}: ${pass} · nothing decided${c.proposals > 0 ? `, ${c.proposals} awaiting` : ''}`;
  const median = c.medianSecondsToDecision === undefined ? '' : ` · median time to decide ${formatDuration(c.medianSecondsToDecision)}`;
  return `${w.window.label}: ${pass} · approved ${c.approved} of ${decided} (${pct(c.approvalRate ?? 0)} of decided) · expired ${c.expired} (${pct(c.expiryRate ?? 0)})${median}`;
}

function groupLines(g: RateGroup): SafeHtml[] {
  const title = g.kind === 'all' ? GROUP_TITLE.all : `${GROUP_TITLE[g.kind]} ${g.key}`;
  return [html`\n<b>${title}</b>`, ...g.windows.map((w) => html`${windowLine(w)}`)];
}

const SHADOW_WORDS: Record<ShadowGroup, string> = {
  rejected: 'what you rejected',
  expired: 'what you let expire',
  blocked: 'what the gates blocked',
  approved: 'what you approved',
};

function markText(group: ShadowGroup, m: ShadowMark): string {
  if (m.average === undefined) return `${SHADOW_WORDS[group]}: none yet`;
  const sign = m.average > 0 ? '+' : '';
  return `${SHADOW_WORDS[group]}: ${sign}${formatPercent(m.average, 1)} avg (n = ${m.n})`;
}

export function shadowLines(shadow: ShadowPnl): SafeHtml[] {
  return [
    html`\n<b>What-if P&amp;L</b> (every decision marked to market as if taken at its reference price; buys gain when the price rises)`,
    ...shadow.horizons.map((h) => html`after ${h.label}: ${SHADOW_GROUPS.map((g) => markText(g, h.groups[g])).join(' · ')}`),
  ];
}

/**
 * /stats: per group and window the gate pass rate and the people's decisions (shares of
 * decided proposals, as before), the current suggestions, and the what-if P&L.
 */
export function analyticsMessage(report: ApprovalAnalytics, shadow: ShadowPnl): SafeHtml {
  const suggestions =
    report.suggestions.length === 0
      ? [html`\n<b>Suggestions</b>: none: every rate with 20 or more samples is within its band.`]
      : [html`\n<b>Suggestions</b> (/stats suggest to apply one)`, ...report.suggestions.map((s) => html`• ${describeExcursion(s)}. ${describeChange(s)}`)];
  return joinHtml([
    html`<b>Approval statistics</b> over 1 d, 7 d and 30 d. Pass: proposed of the decisions the gates evaluated. Approved and expired: shares of decided proposals (approved, rejected or expired).`,
    ...(report.groups.length === 0 ? [html`\nNo decisions in the last 30 days.`] : report.groups.flatMap(groupLines)),
    ...suggestions,
    ...shadowLines(shadow),
  ]);
}
