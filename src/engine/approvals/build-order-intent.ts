import type { MarketRules } from '../ports/broker.js';
import { getClientOrderId } from '../execution/client-order-id.js';
import { roundToIncrement, toDecimal, toDecimalString, type Decimal } from '../money/decimal.js';
import type { OrderRecord } from '../orders/order-record.js';
import type { Proposal } from '../proposals/proposal.js';
import { formatMoney, formatQuantity, quoteCurrencyOf } from '../text/format-number.js';

export type IntentResult = { readonly ok: true; readonly intent: OrderRecord } | { readonly ok: false; readonly reason: string };

/**
 * The order to send for an approved proposal, rounded to the venue's increments here and
 * nowhere else: quantity down (never more than approved), a buy limit down and a sell
 * limit up (never a worse price than approved). A notional size becomes a quantity at
 * the fresh price, so every venue gets the same kind of order.
 */
export function buildOrderIntent(proposal: Proposal, price: Decimal, rules: MarketRules, now: Date): IntentResult {
  const raw = proposal.size.kind === 'quantity' ? toDecimal(proposal.size.quantity) : toDecimal(proposal.size.notional).div(price);
  const quantity = roundToIncrement(raw, rules.quantityIncrement, 'down');
  if (quantity.lt(rules.minQuantity) || quantity.lte(0)) {
    return { ok: false, reason: `size ${formatQuantity(raw.toSignificantDigits(8))} is below the venue's minimum of ${formatQuantity(rules.minQuantity)} ${proposal.symbol}` };
  }
  const limit =
    proposal.limitPrice === undefined ? undefined : roundToIncrement(proposal.limitPrice, rules.priceIncrement, proposal.side === 'buy' ? 'down' : 'up');
  const notionalAtPrice = quantity.mul(limit ?? price);
  if (rules.minNotional !== undefined && notionalAtPrice.lt(rules.minNotional)) {
    const currency = quoteCurrencyOf(proposal.symbol);
    return { ok: false, reason: `order value ${formatMoney(notionalAtPrice, currency)} is below the venue's minimum of ${formatMoney(rules.minNotional, currency)}` };
  }
  const at = now.toISOString();
  return {
    ok: true,
    intent: {
      clientOrderId: getClientOrderId(proposal.id),
      proposalId: proposal.id,
      accountId: proposal.accountId,
      venue: proposal.venue,
      symbol: proposal.symbol,
      side: proposal.side,
      type: proposal.orderType,
      quantity: toDecimalString(quantity),
      ...(limit === undefined ? {} : { limitPrice: toDecimalString(limit) }),
      state: 'intent',
      filledQuantity: '0',
      fees: '0',
      submitAttempts: 0,
      createdAt: at,
      updatedAt: at,
    },
  };
}
