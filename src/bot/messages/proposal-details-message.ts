import { getSymbolUnits } from '../../engine/market/asset-class.js';
import { badge } from './badge.js';
import type { Proposal, ResearchNote } from '../../engine/proposals/proposal.js';
import { formatQuantity, formatTime } from './format-number.js';
import { formatUsd } from '../research/format-usd.js';
import { html, joinHtml, type SafeHtml } from './html.js';
import { cardPrice, describeTimeInForce } from './proposal-message.js';

/** The Details button: the order as the venue will get it, the whole gate trace and the history of a proposal. */
export function proposalDetailsMessage(proposal: Proposal, now: Date, live: boolean): SafeHtml {
  const trace = proposal.gateTrace;
  const verdicts = trace.verdicts.map((v) => (v.outcome === 'pass' ? html`✓ ${v.gate}` : html`✗ ${v.gate}: ${v.reason}`));
  const skipped = trace.notEvaluated.map((g) => html`· ${g} (not evaluated)`);
  const history = proposal.history.map((e) => html`${formatTime(e.at, now)} ${e.state}${e.note === undefined ? '' : ` — ${e.note}`}`);
  return joinHtml([
    html`${badge(live ? 'live' : 'paper')} · <b>Details</b> <code>${proposal.id}</code> · ${proposal.side} ${proposal.symbol} · account ${proposal.accountId}`,
    orderLine(proposal),
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

/**
 * "Order: limit @ 140.00, good till canceled · 1 SOL at the venue's step of 0.00001 (minimum
 * 0.00001)": the size as the min_order_size gate rounded it, which is what approval sends
 * (a notional size is sized again at the price of the tap).
 */
function orderLine(proposal: Proposal): SafeHtml {
  // A market order fills at once: its time in force is nothing to read.
  const terms =
    proposal.orderType === 'limit' && proposal.limitPrice !== undefined ? `limit @ ${cardPrice(proposal, proposal.limitPrice)}, ${describeTimeInForce(proposal)}` : 'market';
  const sizing = proposal.gateTrace.verdicts.find((v) => v.gate === 'min_order_size')?.details;
  const quantity = sizing?.['quantity'];
  const step = sizing?.['quantityIncrement'];
  const minimum = sizing?.['minQuantity'];
  if (typeof quantity !== 'string' || typeof step !== 'string' || typeof minimum !== 'string') return html`Order: ${terms}`;
  const { base } = getSymbolUnits(proposal.symbol);
  const about = proposal.size.kind === 'notional' ? 'about ' : '';
  return html`Order: ${terms} · ${about}${formatQuantity(quantity, 12)} ${base} at the venue's step of ${formatQuantity(step, 12)} (minimum ${formatQuantity(minimum, 12)})`;
}
