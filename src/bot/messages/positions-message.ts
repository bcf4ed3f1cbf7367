import type { AccountPositions } from '../../engine/positions/get-positions.js';
import { badge } from './badge.js';
import { formatAmount, formatSignedMoney } from './format-number.js';
import { html, joinHtml, type SafeHtml } from './html.js';

export function positionsMessage(accounts: readonly AccountPositions[]): SafeHtml {
  const blocks = accounts.map((account) => {
    const head = html`${badge(account.live ? 'live' : 'paper')} · <b>${account.accountId}</b>`;
    if (account.error !== undefined) return joinHtml([head, html`Could not ask the venue: ${account.error}`]);
    if (account.positions.length === 0) return joinHtml([head, html`No open positions.`]);
    const lines = account.positions.map((p) => {
      const pnl = p.unrealizedPnl === undefined ? 'no price' : `unrealized ${formatSignedMoney(p.unrealizedPnl)}`;
      return html`${p.symbol}: ${formatAmount(p.quantity)} @ ${formatAmount(p.averagePrice)} · now ${p.price === undefined ? '—' : formatAmount(p.price)} · ${pnl}`;
    });
    return joinHtml([head, ...lines]);
  });
  return joinHtml(blocks, '\n\n');
}
