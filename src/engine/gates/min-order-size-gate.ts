import { sizeOrder } from '../orders/size-order.js';
import type { Gate, GateVerdict } from './gate.js';

const NAME = 'min_order_size';

/**
 * Dust never reaches an approver: an order the venue would refuse as too small (under its
 * minimum quantity or value once rounded down to its step) is blocked here, sized by the
 * same function the order is built with at approval, so the two cannot disagree.
 */
export const minOrderSizeGate: Gate = {
  name: NAME,
  check({ proposal, market }): GateVerdict {
    const sized = sizeOrder(proposal, market.price, market.rules);
    if (sized.ok) return { gate: NAME, outcome: 'pass', details: sized.details };
    return { gate: NAME, outcome: 'block', reason: sized.reason, details: sized.details };
  },
};
