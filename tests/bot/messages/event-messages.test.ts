import { describe, expect, it } from 'vitest';
import { controlMessage, fillMessage } from '../../../src/bot/messages/event-messages.js';
import { ordersMessage } from '../../../src/bot/messages/orders-message.js';
import { makeProposal } from '../../engine/gates/gate-fixtures.js';
import { makeOrder } from '../../engine/outcomes/outcome-fixtures.js';

const NOW = new Date('2026-11-20T12:00:00.000Z');

describe('messages about orders and controls', () => {
  it('says who paused, resumed and halted by name, never by user id, under the PAPER/LIVE badge', () => {
    expect(controlMessage({ type: 'trading_control', action: 'paused', by: 1, byName: 'Ann' }, 'paper').value, 'pause: approvals are refused too').toBe(
      '📄 <b>PAPER</b> · ⏸ Trading paused by Ann: new proposals are blocked and approvals refused until /resume.',
    );
    expect(controlMessage({ type: 'trading_control', action: 'resumed', by: 1, byName: '@ann' }, 'live').value, 'resume').toBe('🔴 <b>LIVE</b> · ▶️ Trading resumed by @ann.');
    const halt = controlMessage({ type: 'trading_control', action: 'halted', by: 1, byName: 'Ann', canceledOrders: 1, failures: [] }, 'paper').value;
    expect(halt, 'halt, with "1 open order" in the singular').toBe('📄 <b>PAPER</b> · 🛑 <b>HALTED</b> by Ann: every approval is refused until /resume.\n1 open order canceled.');
  });

  it('never says canceled twice', () => {
    const canceled = makeOrder({ clientOrderId: 'c1', proposalId: 'p1', state: 'canceled', reason: 'canceled by request', quantity: '0.5' });
    const orders = ordersMessage([canceled], () => false, NOW).value;
    expect(orders, 'the state, then the rest of the reason').toContain('<b>canceled</b> by request');
    expect(orders, 'not the state and the reason that repeats it').not.toMatch(/canceled.*canceled/);
    const fill = fillMessage(makeProposal({ symbol: 'BTC/USDT' }), canceled, false).value;
    expect(fill, 'the fill reply too').toContain('canceled by request: nothing filled');
    expect(fill, 'once').not.toMatch(/canceled.*canceled/);
    const rejected = makeOrder({ clientOrderId: 'r1', proposalId: 'p2', state: 'rejected', reason: 'insufficient funds', quantity: '1' });
    expect(ordersMessage([rejected], () => false, NOW).value, 'another reason keeps its parentheses').toContain('<b>rejected</b> (insufficient funds)');
  });

  it('never says filled twice in /orders', () => {
    const filled = makeOrder({ clientOrderId: 'f0', proposalId: 'p0', state: 'filled', quantity: '0.01', filledQuantity: '0.01', averagePrice: '69889.59' });
    expect(ordersMessage([filled], () => false, NOW).value, 'the state, then what was filled').toContain('BUY 0.01 BTC/USDT · <b>filled</b> 0.01 @ 69,889.59 USDT');
    const partly = makeOrder({ clientOrderId: 'f1', proposalId: 'p1', state: 'canceled', reason: 'canceled by request', quantity: '1', filledQuantity: '0.4', averagePrice: '100' });
    expect(ordersMessage([partly], () => false, NOW).value, 'a partial fill before the cancel').toContain('<b>canceled</b> by request · filled 0.4 @ 100.00 USDT');
  });

  it('shows a fill with grouped prices, its currency and the fee as money', () => {
    const proposal = makeProposal({
      symbol: 'BTC/USDT',
      referencePrice: '69937.51',
      fill: { filledQuantity: '0.01', averagePrice: '69972.48', fees: '0.6997248', slippage: '34.97' },
    });
    const order = makeOrder({ clientOrderId: 'f1', proposalId: 'p3', state: 'filled', filledQuantity: '0.01', averagePrice: '69972.48' });
    expect(fillMessage(proposal, order, false).value.split('\n').slice(1), 'every number through the one formatter').toEqual([
      'Filled: 0.01 @ 69,972.48 USDT',
      'Fees: 0.70 USDT',
      'Slippage vs 69,937.51: 34.97 USDT per unit (0.050%)',
    ]);
  });
});
