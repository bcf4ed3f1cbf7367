import type { Proposal, ResearchNote } from '../../engine/proposals/proposal.js';
import { formatTime } from './format-number.js';
import { formatUsd } from '../research/format-usd.js';
import { html, joinHtml, type SafeHtml } from './html.js';

/** The Details button: the whole gate trace and the history of a proposal. */
export function proposalDetailsMessage(proposal: Proposal, now: Date): SafeHtml {
  const trace = proposal.gateTrace;
  const verdicts = trace.verdicts.map((v) => (v.outcome === 'pass' ? html`✓ ${v.gate}` : html`✗ ${v.gate}: ${v.reason}`));
  const skipped = trace.notEvaluated.map((g) => html`· ${g} (not evaluated)`);
  const history = proposal.history.map((e) => html`${formatTime(e.at, now)} ${e.state}${e.note === undefined ? '' : ` — ${e.note}`}`);
  return joinHtml([
    html`<b>Details</b> <code>${proposal.id}</code> · ${proposal.side} ${proposal.symbol} · account ${proposal.accountId}`,
    html`<b>Gates</b> (at ${formatTime(trace.evaluatedAt, now)})`,
    ...verdicts,
    ...skipped,
    html`<b>History</b>`,
    ...history,
    ...(proposal.research !== undefined ? researchLines(proposal.research) : proposal.rationale.length > 0 ? [html`<b>Rationale</b>\n${proposal.rationale}`] : []),
  ]);
}

/** A research idea's reasoning, and what the run that produced it cost. */
function researchLines(note: ResearchNote): SafeHtml[] {
  const cost = note.runCostUsd === undefined ? 'not priced' : formatUsd(note.runCostUsd);
  return [
    html`<b>Thesis</b> (research, ${note.horizonDays} trading day${note.horizonDays === 1 ? '' : 's'})\n${note.thesis}`,
    html`<b>Risks</b>\n${note.risks.map((r) => `• ${r}`).join('\n')}`,
    html`<b>Invalidation</b>\n${note.invalidation}`,
    html`<b>Model</b> ${note.model} · run cost ${cost}`,
  ];
}
