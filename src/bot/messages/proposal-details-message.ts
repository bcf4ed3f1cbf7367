import type { Proposal } from '../../engine/proposals/proposal.js';
import { formatTime } from './format-number.js';
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
    ...(proposal.rationale.length > 0 ? [html`<b>Rationale</b>\n${proposal.rationale}`] : []),
  ]);
}
