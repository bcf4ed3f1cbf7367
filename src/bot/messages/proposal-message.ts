import { toDecimal, type Decimal } from '../../engine/money/decimal.js';
import { getSymbolUnits } from '../../engine/market/asset-class.js';
import { calculateRewardRisk } from '../../engine/proposals/calculate-reward-risk.js';
import { getTimeInForce, type Proposal } from '../../engine/proposals/proposal.js';
import { badge } from './badge.js';
import { displayTickOf, formatMoney, formatPercent, formatPrice, formatQuantity, formatTime, quoteCurrencyOf } from './format-number.js';
import { html, joinHtml, type SafeHtml } from './html.js';

/** The approval message: everything a person needs to decide, and where it stands now. */
export function proposalMessage(proposal: Proposal, live: boolean, now: Date): SafeHtml {
  const price = toDecimal(proposal.limitPrice ?? proposal.referencePrice);
  const currency = quoteCurrencyOf(proposal.symbol);
  const size =
    proposal.size.kind === 'quantity'
      ? html`${formatQuantity(proposal.size.quantity)} ${proposal.symbol}`
      : html`${formatMoney(proposal.size.notional, currency)} worth of ${proposal.symbol} (${orderedQuantity(proposal)})`;
  const notional = proposal.size.kind === 'quantity' ? toDecimal(proposal.size.quantity).mul(price) : toDecimal(proposal.size.notional);
  const passed = proposal.gateTrace.verdicts.filter((v) => v.outcome === 'pass').length;
  const lines = [
    html`${badge(live ? 'live' : 'paper')} · <b>Proposal</b> <code>${proposal.id}</code> · account ${proposal.accountId}`,
    html`<b>${proposal.side.toUpperCase()} ${size}</b> · ${orderTerms(proposal)}`,
    html`Price ${cardPrice(proposal, proposal.referencePrice)} · notional ≈ ${formatMoney(notional, currency)}`,
  ];
  const exits = exitLine(proposal, price);
  if (exits !== undefined) lines.push(exits);
  lines.push(confidenceLine(proposal));
  if (proposal.rationale.length > 0) lines.push(html`Why: ${shorten(proposal.rationale, 300)}`);
  lines.push(html`Gates: ${passed}/${proposal.gateTrace.verdicts.length} passed`);
  lines.push(statusLine(proposal, now));
  return joinHtml(lines);
}

/**
 * A strategy's confidence is a hit rate (see engine/calibration); a trade proposed by hand
 * has none, and its placeholder 1 (so min_confidence lets it through) must not read as 100 %.
 */
function confidenceLine(proposal: Proposal): SafeHtml {
  if (proposal.source === 'manual') return html`Confidence — (proposed by hand) · source manual`;
  return html`Confidence ${formatPercent(proposal.confidence, 0)} · source ${proposal.source}`;
}

/** "market", or "limit @ 140.00 · good till canceled": how long a limit may rest is part of the deal. */
function orderTerms(proposal: Proposal): string {
  if (proposal.orderType === 'market' || proposal.limitPrice === undefined) return proposal.orderType;
  return `limit @ ${cardPrice(proposal, proposal.limitPrice)} · ${describeTimeInForce(proposal)}`;
}

/** Every price on the card at the decimals of the price it was proposed at, so they line up. */
export function cardPrice(proposal: Pick<Proposal, 'referencePrice'>, value: Decimal.Value): string {
  return formatPrice(value, displayTickOf(proposal.referencePrice));
}

export function describeTimeInForce(proposal: Proposal): string {
  return getTimeInForce(proposal) === 'gtc' ? 'good till canceled' : 'day order (ends at the NYSE close)';
}

/** "Stop 140.00 (−2.9%) · target 150.00 (+4.1%) · reward/risk 1.4", measured from the entry. */
function exitLine(proposal: Proposal, entry: Decimal): SafeHtml | undefined {
  const { stopPrice, targetPrice } = proposal;
  if (stopPrice === undefined && targetPrice === undefined) return undefined;
  const level = (value: string | undefined) => (value === undefined ? '—' : `${cardPrice(proposal, value)} (${signedPercent(toDecimal(value), entry)})`);
  const ratio = stopPrice === undefined || targetPrice === undefined ? undefined : calculateRewardRisk(entry, toDecimal(stopPrice), toDecimal(targetPrice));
  return html`Stop ${level(stopPrice)} · target ${level(targetPrice)}${ratio === undefined ? '' : ` · reward/risk ${formatQuantity(ratio, 2)}`}`;
}

function signedPercent(value: Decimal, entry: Decimal): string {
  const change = value.minus(entry).div(entry).mul(100).toDecimalPlaces(1);
  return `${change.isNegative() ? '−' : '+'}${change.abs().toFixed(1)}%`;
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
      return html`✅ Approved by ${who} · ${proposal.orderType === 'limit' ? restingNote(proposal) : 'order sent, waiting for the fill'}`;
    case 'partially_filled':
      return html`✅ Approved by ${who} · partially filled ${formatQuantity(proposal.fill?.filledQuantity ?? '0')}`;
    case 'filled':
      return html`✅ Approved by ${who} · <b>filled</b> ${formatQuantity(proposal.fill?.filledQuantity ?? '0')} @ ${cardPrice(proposal, proposal.fill?.averagePrice ?? '0')}`;
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

/**
 * What an amount of money orders: at the limit it is fixed (the quantity the min_order_size
 * gate sized, on the venue's increments); at market it moves with the price until approval.
 */
function orderedQuantity(proposal: Proposal): string {
  if (proposal.size.kind !== 'notional') return '';
  const sized = proposal.gateTrace.verdicts.find((v) => v.gate === 'min_order_size')?.details?.quantity;
  const price = toDecimal(proposal.limitPrice ?? proposal.referencePrice);
  const quantity = typeof sized === 'string' ? toDecimal(sized) : toDecimal(proposal.size.notional).div(price);
  const { base } = getSymbolUnits(proposal.symbol);
  return proposal.limitPrice === undefined ? `≈ ${formatQuantity(quantity)} ${base} at the current price` : `${formatQuantity(quantity)} ${base} at the limit`;
}

/** A resting limit is normal: say it is being watched and until when, so silence reads as "working". */
function restingNote(proposal: Proposal): string {
  const until = getTimeInForce(proposal) === 'gtc' ? 'until it fills or is canceled' : 'until it fills or the NYSE closes';
  return `limit order resting at the venue, checked every minute ${until}`;
}

function shorten(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
