import type { EngineEvent } from '../../engine/events.js';
import type { OrderRecord } from '../../engine/orders/order-record.js';
import type { Proposal } from '../../engine/proposals/proposal.js';
import { badge } from './badge.js';
import { formatAmount } from './format-number.js';
import { html, joinHtml, type SafeHtml } from './html.js';

/** The reply under a proposal once its order is final: what was filled, at what cost. */
export function fillMessage(proposal: Proposal, order: OrderRecord, live: boolean): SafeHtml {
  const head = html`${badge(live ? 'live' : 'paper')} · ${proposal.side.toUpperCase()} ${proposal.symbol} · order <code>${order.clientOrderId}</code>`;
  if (proposal.fill === undefined) {
    return joinHtml([head, html`${order.state}: nothing filled${order.reason === undefined ? '' : ` (${order.reason})`}`]);
  }
  const fill = proposal.fill;
  const slippagePct = Number(fill.slippage) / Number(proposal.referencePrice);
  return joinHtml([
    head,
    html`${order.state === 'filled' ? 'Filled' : `${order.state}, partly filled`}: ${formatAmount(fill.filledQuantity)} @ ${formatAmount(fill.averagePrice)}`,
    html`Fees: ${formatAmount(fill.fees, 4)}`,
    html`Slippage vs ${formatAmount(proposal.referencePrice)}: ${formatAmount(fill.slippage, 4)} per unit (${(slippagePct * 100).toFixed(3)}%)`,
  ]);
}

export function controlMessage(event: Extract<EngineEvent, { type: 'trading_control' }>): SafeHtml {
  if (event.action === 'paused') return html`⏸ Trading paused by ${event.by}: new proposals are blocked until /resume.`;
  if (event.action === 'resumed') return html`▶️ Trading resumed by ${event.by}.`;
  const failures = event.failures ?? [];
  return joinHtml([
    html`🛑 <b>HALTED</b> by ${event.by}: every approval is refused until /resume.`,
    html`Open orders canceled: ${event.canceledOrders ?? 0}.`,
    ...(failures.length === 0 ? [] : [html`Could not cancel at: ${failures.join('; ')}`]),
  ]);
}
