import type { MarketRules } from '../ports/broker.js';
import { getClientOrderId } from '../execution/client-order-id.js';
import { toDecimalString, type Decimal } from '../money/decimal.js';
import type { OrderRecord } from '../orders/order-record.js';
import { sizeOrder } from '../orders/size-order.js';
import { getTimeInForce, type Proposal } from '../proposals/proposal.js';

export type IntentResult = { readonly ok: true; readonly intent: OrderRecord } | { readonly ok: false; readonly reason: string };

/**
 * The order to send for an approved proposal, sized and rounded by `sizeOrder` (the same
 * function the `min_order_size` gate ran at proposal time) at the fresh price, so every
 * venue gets a quantity.
 */
export function buildOrderIntent(proposal: Proposal, price: Decimal, rules: MarketRules, now: Date): IntentResult {
  const sized = sizeOrder(proposal, price, rules);
  if (!sized.ok) return { ok: false, reason: sized.reason };
  const { quantity, limitPrice } = sized.order;
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
      timeInForce: getTimeInForce(proposal),
      quantity: toDecimalString(quantity),
      ...(limitPrice === undefined ? {} : { limitPrice: toDecimalString(limitPrice) }),
      state: 'intent',
      filledQuantity: '0',
      fees: '0',
      submitAttempts: 0,
      createdAt: at,
      updatedAt: at,
    },
  };
}
