import { describe, expect, it } from 'vitest';
import { proposalDetailsMessage } from '../../../src/bot/messages/proposal-details-message.js';
import { MARKET_HOURS, makeProposal } from '../../engine/gates/gate-fixtures.js';

describe('the Details message', () => {
  const verdict = { gate: 'min_order_size', outcome: 'pass' as const, details: { quantity: '3.48262', quantityIncrement: '0.00001', minQuantity: '0.00001' } };
  const trace = { evaluatedAt: MARKET_HOURS.toISOString(), verdicts: [verdict], notEvaluated: [], passed: true };

  it('shows the order as the venue will get it: rounded to its step, with the time in force of a limit', () => {
    const limit = proposalDetailsMessage(makeProposal({ symbol: 'SOL/USDT', orderType: 'limit', limitPrice: '140', gateTrace: trace }), MARKET_HOURS, false).value;
    expect(limit, 'the quantity min_order_size passed').toContain("Order: limit @ 140.00, good till canceled · 3.48262 SOL at the venue's step of 0.00001 (minimum 0.00001)");
    const notional = proposalDetailsMessage(makeProposal({ symbol: 'SOL/USDT', size: { kind: 'notional', notional: '500' }, gateTrace: trace }), MARKET_HOURS, false).value;
    expect(notional, 'a notional size is sized again at the tap').toContain('Order: market · about 3.48262 SOL');
  });
});
