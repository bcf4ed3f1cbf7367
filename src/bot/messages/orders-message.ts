import type { OrderRecord } from '../../engine/orders/order-record.js';
import { badge } from './badge.js';
import { formatAmount, formatTime } from './format-number.js';
import { html, joinHtml, type SafeHtml } from './html.js';

export function ordersMessage(orders: readonly OrderRecord[], isLive: (accountId: string) => boolean, now: Date): SafeHtml {
  if (orders.length === 0) return html`No orders yet.`;
  const anyLive = orders.some((o) => isLive(o.accountId));
  const lines = orders.map((o) => {
    const filled = o.averagePrice === undefined ? '' : ` · filled ${formatAmount(o.filledQuantity)} @ ${formatAmount(o.averagePrice)}`;
    return html`${formatTime(o.createdAt, now)} · ${o.accountId} · ${o.side.toUpperCase()} ${formatAmount(o.quantity ?? o.notional ?? '0')} ${o.symbol} · <b>${o.state}</b>${filled}${o.reason === undefined ? '' : ` (${o.reason})`}`;
  });
  return joinHtml([html`${badge(anyLive ? 'live' : 'paper')} · <b>Recent orders</b>`, ...lines]);
}
