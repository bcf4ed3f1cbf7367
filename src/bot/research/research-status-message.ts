import type { ResearchRunReport } from '../../engine/research/run-research.js';
import { badge } from '../messages/badge.js';
import { formatElapsed } from '../messages/jobs-message.js';
import { html, joinHtml, type SafeHtml } from '../messages/html.js';
import { shorten } from './research-summary-message.js';

/** The line `/research` answers with at once, then edits as the run moves on. */
export function researchStatusMessage(live: boolean, accountId: string, phase: string, position?: { index: number; of: number }): SafeHtml {
  const of = position === undefined || position.of === 1 ? '' : ` (${position.index} of ${position.of})`;
  return html`${badge(live ? 'live' : 'paper')} · 🔎 Research for ${accountId}${of}: ${phase}…`;
}

/** The status line's last state: one line per account, the summaries follow below it. */
export function researchDoneMessage(live: boolean, reports: readonly ResearchRunReport[], elapsedMs: number): SafeHtml {
  const lines = reports.map((report) => html`${report.run.accountId}: ${researchResultText(report)}`);
  return joinHtml([html`${badge(live ? 'live' : 'paper')} · 🔎 Research done in ${formatElapsed(elapsedMs)}; the summary is below.`, ...lines]);
}

/** `2 proposed, 1 blocked`, or why nothing was: for the status line and the job's summary. */
export function researchResultText(report: ResearchRunReport): string {
  const run = report.run;
  if (run.outcome === 'budget_spent') return 'not run, the daily budget is spent';
  if (run.outcome !== 'ok') return `no ideas taken: ${shorten(run.detail ?? 'the run failed', 120)}`;
  const proposed = report.ideas.filter((i) => i.verdict.kind === 'proposed').length;
  const blocked = report.ideas.filter((i) => i.verdict.kind === 'blocked').length;
  const waiting = report.ideas.filter((i) => i.verdict.kind === 'waiting').length;
  const parts = [`${proposed} proposed`, ...(waiting > 0 ? [`${waiting} waiting for the open`] : []), ...(blocked > 0 ? [`${blocked} blocked`] : []), ...(run.dropped.length > 0 ? [`${run.dropped.length} dropped`] : [])];
  return report.ideas.length + run.dropped.length === 0 ? 'no ideas today' : parts.join(', ');
}
