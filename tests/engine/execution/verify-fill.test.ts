import { describe, expect, it } from 'vitest';
import { getClientOrderId } from '../../../src/engine/execution/client-order-id.js';
import { executeApproved } from '../../../src/engine/execution/execute-approved.js';
import { verifyFill } from '../../../src/engine/execution/verify-fill.js';
import { createExecutionHarness } from './execution-harness.js';
import { accept, failLookup, progress, venueOrder, type LookupStep } from './fake-broker.js';

const CLIENT_ID = getClientOrderId('p-1');

/** An order the venue accepted and holds open, as submitOrder leaves it. */
async function setUpOpenOrder(fillTimeoutSeconds = 30) {
  const h = createExecutionHarness({ fillTimeoutSeconds });
  const intent = await h.seedApproved();
  await h.putOrder({ ...intent, state: 'open', submitAttempts: 1, venueOrderId: `v-${CLIENT_ID}` });
  h.broker.held.set(CLIENT_ID, venueOrder(intent, 'open'));
  return { ...h, verify: (timeoutMs = fillTimeoutSeconds * 1000) => verifyFill(h.deps, h.broker, h.deps.store.read().orders[CLIENT_ID]!, timeoutMs) };
}

describe('verifyFill', () => {
  it('follows a partial fill to the full fill, storing each step', async () => {
    const h = await setUpOpenOrder();
    const storedAtSecondLook: unknown[] = [];
    const peek: LookupStep = (id, venue) => {
      storedAtSecondLook.push(h.order(id)?.state, h.order(id)?.filledQuantity);
      return progress('filled', { quantity: '10', price: '100.07', fees: '0.5' })(id, venue);
    };
    h.broker.lookupSteps.push(progress('partially_filled', { quantity: '4', price: '100.05', fees: '0.2' }), peek);

    const check = await h.verify();
    expect(check.kind, 'final once the venue says filled').toBe('final');
    expect(storedAtSecondLook, 'the partial fill was stored before the next poll').toEqual(['partially_filled', '4']);
    expect(h.order(CLIENT_ID), 'the whole fill, as decimal strings').toMatchObject({ state: 'filled', filledQuantity: '10', averagePrice: '100.07', fees: '0.5' });
    expect([h.broker.lookups.length, h.sleeps], 'two looks, one poll interval between').toEqual([2, [1_000]]);
  });

  it('returns kind "timeout" as a value when the order is still open at the deadline', async () => {
    const h = await setUpOpenOrder(5);
    const check = await h.verify();
    expect(check.kind, 'a fill timeout is an expected negative, not a throw').toBe('timeout');
    expect(check.order.state, 'still open: the fill check job keeps watching').toBe('open');
    expect(h.broker.lookups.length, 'looked at t = 0, 1, … 5 s').toBe(6);
    expect(h.sleeps.every((ms) => ms === 1_000), 'polls every second').toBe(true);
  });

  it('reports a partly filled order at the deadline with what filled so far', async () => {
    const h = await setUpOpenOrder(2);
    h.broker.lookupSteps.push(progress('partially_filled', { quantity: '3', price: '99.9' }));
    const check = await h.verify();
    expect([check.kind, check.order.state, check.order.filledQuantity], 'timeout with the partial fill').toEqual(['timeout', 'partially_filled', '3']);
  });

  it('a failed look changes nothing, and polling goes on', async () => {
    const h = await setUpOpenOrder();
    h.broker.lookupSteps.push(failLookup(), progress('filled', { quantity: '10', price: '100' }));
    const check = await h.verify();
    expect(check.kind, 'the second look saw the fill').toBe('final');
    expect(h.broker.lookups.length, 'the failure was not the end').toBe(2);
  });

  it('a canceled order is final too', async () => {
    const h = await setUpOpenOrder();
    h.broker.lookupSteps.push(progress('canceled', { quantity: '2', price: '100' }));
    const check = await h.verify();
    expect([check.kind, check.order.state, check.order.filledQuantity], 'canceled after a partial fill').toEqual(['final', 'canceled', '2']);
  });
});

describe('executeApproved: the proposal follows the order', () => {
  it('approved → submitted → filled, with the fill summary and events in order', async () => {
    const h = createExecutionHarness();
    await h.seedApproved();
    h.broker.submitSteps.push(accept());
    h.broker.lookupSteps.push(progress('partially_filled', { quantity: '4', price: '100.2' }), progress('filled', { quantity: '10', price: '100.3', fees: '1.2' }));
    await executeApproved(h.deps, CLIENT_ID);
    const proposal = h.proposal();
    expect(proposal?.history.map((e) => e.state), 'only legal steps, the partial fill included').toEqual(['pending', 'approved', 'submitted', 'partially_filled', 'filled']);
    expect(proposal?.fill, 'slippage is against the reference price of 100').toEqual({ filledQuantity: '10', averagePrice: '100.3', fees: '1.2', slippage: '0.3' });
    expect(h.eventTypes(), 'the chat hears each step').toEqual(['order_submitted', 'order_finished']);
  });

  it('a market order not filled in time leaves the proposal submitted and says so', async () => {
    const h = createExecutionHarness({ fillTimeoutSeconds: 3 });
    await h.seedApproved();
    await executeApproved(h.deps, CLIENT_ID);
    expect(h.proposal()?.state, 'not final yet').toBe('submitted');
    const last = h.events.at(-1);
    expect(last?.type, 'unresolved, not an error').toBe('order_unresolved');
    expect(last?.type === 'order_unresolved' ? last.reason : '', 'tells the person what happens next').toBe(
      'a market order not filled after 3 s; still open at the venue, checked again every minute',
    );
  });

  it('a limit order still resting at the fill timeout is left to the minute check without an alert', async () => {
    const h = createExecutionHarness({ fillTimeoutSeconds: 3 });
    await h.seedApproved({ orderType: 'limit', limitPrice: '97' });
    await executeApproved(h.deps, CLIENT_ID);
    expect([h.proposal()?.state, h.eventTypes()], 'resting at 3 % from the market is normal').toEqual(['submitted', ['order_submitted']]);
  });

  it('a limit order partly filled at the fill timeout refreshes the card, still without an alert', async () => {
    const h = createExecutionHarness({ fillTimeoutSeconds: 3 });
    await h.seedApproved({ orderType: 'limit', limitPrice: '97' });
    h.broker.lookupSteps.push(progress('partially_filled', { quantity: '4', price: '97' }));
    await executeApproved(h.deps, CLIENT_ID);
    expect(h.eventTypes(), 'news, no order_unresolved').toEqual(['order_submitted', 'order_partially_filled']);
  });
});
