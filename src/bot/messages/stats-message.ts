import type { ApprovalStats, DecisionCounts } from '../../engine/stats/calculate-approval-stats.js';
import { formatDuration } from './format-duration.js';
import { formatPercent } from './format-number.js';
import { html, joinHtml, type SafeHtml } from './html.js';

function countsLine(label: string, c: DecisionCounts): SafeHtml {
  const rate = (r: number | undefined) => (r === undefined ? '—' : formatPercent(r, 0));
  const wait = c.medianSecondsToDecision === undefined ? '—' : formatDuration(c.medianSecondsToDecision);
  return html`<b>${label}</b>: ${c.proposals} proposals · approved ${c.approved} (${rate(c.approvalRate)}) · rejected ${c.rejected} (${rate(c.rejectionRate)}) · expired ${c.expired} (${rate(c.expiryRate)}) · median decision ${wait}`;
}

export function statsMessage(stats: ApprovalStats): SafeHtml {
  const group = (title: string, groups: Readonly<Record<string, DecisionCounts>>) =>
    Object.keys(groups).length === 0 ? [] : [html`\n<b>${title}</b> (30 d)`, ...Object.entries(groups).map(([k, c]) => countsLine(k, c))];
  return joinHtml([
    html`<b>Approval statistics</b>`,
    ...stats.windows.map((w) => countsLine(w.label, w.counts)),
    ...group('By account', stats.byAccount),
    ...group('By source', stats.bySource),
  ]);
}
