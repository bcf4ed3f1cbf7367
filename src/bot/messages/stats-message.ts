import type { ApprovalStats, DecisionCounts } from '../../engine/stats/calculate-approval-stats.js';
import { countOf } from '../../engine/text/count-of.js';
import { formatDuration } from './format-duration.js';
import { formatPercent } from './format-number.js';
import { html, joinHtml, type SafeHtml } from './html.js';

/**
 * One window or group. The shares are of the decided proposals (approved, rejected or
 * expired), never of all proposals: the ones still awaiting a tap are counted apart.
 */
function countsLine(label: string, c: DecisionCounts): SafeHtml {
  const decided = c.approved + c.rejected + c.expired;
  const share = (r: number | undefined, first = false) => (r === undefined ? '' : ` (${formatPercent(r, 0)}${first ? ' of decided' : ''})`);
  const waiting = c.proposals - decided;
  const wait = c.medianSecondsToDecision === undefined ? '' : ` · median time to decide ${formatDuration(c.medianSecondsToDecision)}`;
  return html`<b>${label}</b>: ${countOf(c.proposals, 'proposal')}, ${decided} decided${waiting > 0 ? `, ${waiting} awaiting` : ''} · approved ${c.approved}${share(c.approvalRate, true)} · rejected ${c.rejected}${share(c.rejectionRate)} · expired ${c.expired}${share(c.expiryRate)}${wait}`;
}

export function statsMessage(stats: ApprovalStats): SafeHtml {
  const group = (title: string, groups: Readonly<Record<string, DecisionCounts>>) =>
    Object.keys(groups).length === 0 ? [] : [html`\n<b>${title}</b> (last 30 days)`, ...Object.entries(groups).map(([k, c]) => countsLine(k, c))];
  return joinHtml([
    html`<b>Approval statistics</b> (shares of decided proposals: approved, rejected or expired)`,
    ...stats.windows.map((w) => countsLine(w.label, w.counts)),
    ...group('By account', stats.byAccount),
    ...group('By source', stats.bySource),
  ]);
}
