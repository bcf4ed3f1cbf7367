import type { AccountPositions, PositionView } from '../../engine/positions/get-positions.js';
import { badge } from './badge.js';
import { formatPrice, formatQuantity, formatSignedMoney, quoteCurrencyOf } from './format-number.js';
import { html, joinHtml, type SafeHtml } from './html.js';

/** What "unrealized" means, said where it is shown: /pnl uses the same words and numbers. */
export const UNREALIZED_NOTE = 'Unrealized P&L: at the latest price, after the entry fees paid; exit fees are not included.';

function positionLine(p: PositionView): SafeHtml {
  const currency = quoteCurrencyOf(p.symbol);
  const price = (value: PositionView['price']) => (value === undefined ? '—' : formatPrice(value, p.priceTick));
  const quantity = formatQuantity(p.quantity, p.quantityStep?.decimalPlaces());
  const pnl = p.unrealizedPnl === undefined ? 'no price, no unrealized P&L' : `unrealized ${formatSignedMoney(p.unrealizedPnl, currency)}`;
  const basis = p.costBasis === 'venue' ? " (cost from the venue's average price: not all bought here, fees unknown)" : '';
  return html`${p.symbol}: ${quantity} @ ${price(p.averagePrice)} · now ${price(p.price)} · ${pnl}${basis}`;
}

export function positionsMessage(accounts: readonly AccountPositions[]): SafeHtml {
  const blocks = accounts.map((account) => {
    const head = html`${badge(account.live ? 'live' : 'paper')} · <b>Positions</b> · ${account.accountId}`;
    if (account.error !== undefined) return joinHtml([head, html`Could not ask the venue: ${account.error}`]);
    if (account.positions.length === 0) return joinHtml([head, html`No open positions.`]);
    return joinHtml([head, ...account.positions.map(positionLine)]);
  });
  const anyPosition = accounts.some((a) => a.positions.length > 0);
  return joinHtml([...blocks, ...(anyPosition ? [html`<i>${UNREALIZED_NOTE}</i>`] : [])], '\n\n');
}
