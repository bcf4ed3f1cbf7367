import type { BrokerOrder } from '../ports/broker.js';
import { Decimal, toDecimalString } from '../money/decimal.js';
import type { OrderRecord, OrderState } from '../orders/order-record.js';

/**
 * Folds what the venue reports into our record of the order. Fees only ever grow with
 * fills: a lookup that reports none (Binance's order query carries no commissions) must
 * not erase what the submit answer told us.
 */
export function applyBrokerOrder(record: OrderRecord, order: BrokerOrder, at: Date): OrderRecord {
  const state: OrderState = order.status;
  return {
    ...record,
    state,
    venueOrderId: order.venueOrderId,
    filledQuantity: toDecimalString(order.filledQuantity),
    ...(order.averagePrice === undefined ? {} : { averagePrice: toDecimalString(order.averagePrice) }),
    fees: toDecimalString(Decimal.max(order.fees, record.fees)),
    ...(order.reason === undefined ? {} : { reason: order.reason }),
    updatedAt: at.toISOString(),
  };
}
