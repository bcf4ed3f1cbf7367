import type { TradingMode } from '../../config.js';
import type { EngineEvent } from '../../engine/events.js';
import type { OrderRecord } from '../../engine/orders/order-record.js';
import type { Proposal } from '../../engine/proposals/proposal.js';
import { countOf } from '../../engine/text/count-of.js';
import { badge } from './badge.js';
import { describeOrderState } from './describe-order-state.js';
import { formatMoney, formatPercent, formatPrice, formatQuantity, quoteCurrencyOf } from './format-number.js';
import { html, joinHtml, type SafeHtml } from './html.js';

/** The reply under a proposal once its order is final: what was filled, at what cost. */
export function fillMessage(proposal: Proposal, order: OrderRecord, live: boolean): SafeHtml {
  const head = html`${badge(live ? 'live' : 'paper')} · ${proposal.side.toUpperCase()} ${proposal.symbol} · order <code>${order.clientOrderId}</code>`;
  if (proposal.fill === undefined) {
    return joinHtml([head, html`${describeOrderState(order.state, order.reason)}: nothing filled`]);
  }
  const fill = proposal.fill;
  const currency = quoteCurrencyOf(proposal.symbol);
  const slippageShare = Number(fill.slippage) / Number(proposal.referencePrice);
  const state = order.state === 'filled' ? 'Filled' : `${describeOrderState(order.state, order.reason)}, partly filled`;
  return joinHtml([
    head,
    html`${state}: ${formatQuantity(fill.filledQuantity)} @ ${formatPrice(fill.averagePrice)} ${currency}`,
    html`Fees: ${formatMoney(fill.fees, currency)}`,
    html`Slippage vs ${formatPrice(proposal.referencePrice)}: ${formatPrice(fill.slippage)} ${currency} per unit (${formatPercent(slippageShare, 3)})`,
  ]);
}

/** Pause, resume and halt concern every account: the badge is the bot's (LIVE when any account is). */
export function controlMessage(event: Extract<EngineEvent, { type: 'trading_control' }>, mode: TradingMode): SafeHtml {
  const mark = badge(mode);
  if (event.action === 'paused') return html`${mark} · ⏸ Trading paused by ${event.byName}: new proposals are blocked and approvals refused until /resume.`;
  if (event.action === 'resumed') return html`${mark} · ▶️ Trading resumed by ${event.byName}.`;
  const failures = event.failures ?? [];
  return joinHtml([
    html`${mark} · 🛑 <b>HALTED</b> by ${event.byName}: every approval is refused until /resume.`,
    html`${countOf(event.canceledOrders ?? 0, 'open order')} canceled.`,
    ...(failures.length === 0 ? [] : [html`Could not cancel at: ${failures.join('; ')}`]),
  ]);
}
