import type { OrderRecord } from '../../engine/orders/order-record.js';
import { badge } from './badge.js';
import { describeOrderState } from './describe-order-state.js';
import { formatMoney, formatPrice, formatQuantity, formatTime, quoteCurrencyOf } from './format-number.js';
import { html, joinHtml, type SafeHtml } from './html.js';

export function ordersMessage(orders: readonly OrderRecord[], isLive: (accountId: string) => boolean, now: Date): SafeHtml {
  if (orders.length === 0) return html`No orders yet.`;
  const anyLive = orders.some((o) => isLive(o.accountId));
  const lines = orders.map((o) => {
    const currency = quoteCurrencyOf(o.symbol);
    const at = o.averagePrice === undefined ? '' : `${formatQuantity(o.filledQuantity)} @ ${formatPrice(o.averagePrice)} ${currency}`;
    // A filled order says "filled" once; any other state says how much was filled before it.
    const filled = at === '' ? '' : o.state === 'filled' ? ` ${at}` : ` · filled ${at}`;
    const size = o.quantity === undefined && o.notional !== undefined ? `${formatMoney(o.notional, currency)} worth of` : formatQuantity(o.quantity ?? '0');
    const limit = o.type === 'limit' && o.limitPrice !== undefined ? ` limit @ ${formatPrice(o.limitPrice)} ${currency}` : '';
    // The state is shown in bold; what follows it is the reason, never the state again.
    const reason = describeOrderState(o.state, o.reason).slice(o.state.length);
    return html`${formatTime(o.createdAt, now)} · ${o.accountId} · ${o.side.toUpperCase()} ${size} ${o.symbol}${limit} · <b>${o.state}</b>${reason}${filled}`;
  });
  return joinHtml([html`${badge(anyLive ? 'live' : 'paper')} · <b>Recent orders</b>`, ...lines]);
}
