import type { BrokerOrder } from '../clients/broker.js';
import type { OrderRecord, OrderState } from '../orders/order-record.js';

/** Folds what the venue reports into our record of the order. */
export function applyBrokerOrder(record: OrderRecord, order: BrokerOrder, at: Date): OrderRecord {
  const state: OrderState = order.status;
  return {
    ...record,
    state,
    venueOrderId: order.venueOrderId,
    filledQuantity: order.filledQuantity.toString(),
    ...(order.averagePrice === undefined ? {} : { averagePrice: order.averagePrice.toString() }),
    fees: order.fees.toString(),
    ...(order.reason === undefined ? {} : { reason: order.reason }),
    updatedAt: at.toISOString(),
  };
}
