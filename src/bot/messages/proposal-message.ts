import { toDecimal } from '../../engine/money/decimal.js';
import type { Proposal } from '../../engine/proposals/proposal.js';
import { badge } from './badge.js';
import { formatAmount, formatMoney, formatPercent, formatTime } from './format-number.js';
import { html, joinHtml, type SafeHtml } from './html.js';

/** The approval message: everything a person needs to decide, and where it stands now. */
export function proposalMessage(proposal: Proposal, live: boolean, now: Date): SafeHtml {
  const price = toDecimal(proposal.limitPrice ?? proposal.referencePrice);
  const size =
    proposal.size.kind === 'quantity'
      ? html`${formatAmount(proposal.size.quantity)} ${proposal.symbol}`
      : html`${formatAmount(proposal.size.notional, 2)} worth of ${proposal.symbol}`;
  const notional = proposal.size.kind === 'quantity' ? toDecimal(proposal.size.quantity).mul(price) : toDecimal(proposal.size.notional);
  const passed = proposal.gateTrace.verdicts.filter((v) => v.outcome === 'pass').length;
  const lines = [
    html`${badge(live ? 'live' : 'paper')} · <b>Proposal</b> <code>${proposal.id}</code> · account ${proposal.accountId}`,
    html`<b>${proposal.side.toUpperCase()} ${size}</b> · ${proposal.orderType}${proposal.limitPrice === undefined ? '' : ` @ ${formatAmount(proposal.limitPrice)}`}`,
    html`Price ${formatAmount(proposal.referencePrice)} · notional ≈ ${formatMoney(notional)}`,
  ];
  if (proposal.stopPrice !== undefined || proposal.targetPrice !== undefined) {
    lines.push(html`Stop ${proposal.stopPrice === undefined ? '—' : formatAmount(proposal.stopPrice)} · target ${proposal.targetPrice === undefined ? '—' : formatAmount(proposal.targetPrice)}`);
  }
  lines.push(html`Confidence ${formatPercent(proposal.confidence, 0)} · source ${proposal.source}`);
  if (proposal.rationale.length > 0) lines.push(html`Why: ${shorten(proposal.rationale, 300)}`);
  lines.push(html`Gates: ${passed}/${proposal.gateTrace.verdicts.length} passed`);
  lines.push(statusLine(proposal, now));
  return joinHtml(lines);
}

/** Where the proposal stands: the line that changes as it moves. */
export function statusLine(proposal: Proposal, now: Date): SafeHtml {
  const decided = proposal.decision;
  const who = decided === undefined ? '' : `${decided.byName} at ${formatTime(decided.at, now)}`;
  switch (proposal.state) {
    case 'pending':
      return html`⏳ Awaiting approval · expires ${formatTime(proposal.expiresAt, now)}${proposal.reason === undefined ? '' : `\nLast approval refused: ${proposal.reason}`}`;
    case 'approved':
      return html`✅ Approved by ${who} · sending the order…`;
    case 'submitted':
      return html`✅ Approved by ${who} · order sent, waiting for the fill`;
    case 'partially_filled':
      return html`✅ Approved by ${who} · partially filled ${formatAmount(proposal.fill?.filledQuantity ?? '0')}`;
    case 'filled':
      return html`✅ Approved by ${who} · <b>filled</b> ${formatAmount(proposal.fill?.filledQuantity ?? '0')} @ ${formatAmount(proposal.fill?.averagePrice ?? '0')}`;
    case 'rejected':
      return html`❌ Rejected by ${who}`;
    case 'expired':
      return html`⌛ Expired, not executed`;
    case 'canceled':
      return html`🚫 Canceled${proposal.reason === undefined ? '' : `: ${proposal.reason}`}`;
    case 'failed':
      return html`⚠️ Failed${decided === undefined ? '' : ` (approved by ${who})`}: ${proposal.reason ?? 'the venue refused the order'}`;
  }
}

function shorten(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
