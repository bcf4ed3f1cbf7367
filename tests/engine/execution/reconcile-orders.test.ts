import { describe, expect, it } from 'vitest';
import { getClientOrderId } from '../../../src/engine/execution/client-order-id.js';
import { executeApproved } from '../../../src/engine/execution/execute-approved.js';
import { reconcileOrders } from '../../../src/engine/execution/reconcile-orders.js';
import { createExecutionHarness } from './execution-harness.js';
import { accept, progress, venueOrder } from './fake-broker.js';

const CLIENT_ID = getClientOrderId('p-1');
const PAST_DEADLINE_MS = 31 * 60_000;

describe('reconcileOrders on start', () => {
  it('sends an approved intent that never left (crash before submit) exactly once', async () => {
    const h = createExecutionHarness();
    await h.seedApproved();
    h.broker.submitSteps.push(accept('filled', { quantity: '10', price: '100.02', fees: '0.1' }));

    const report = await reconcileOrders(h.deps);
    expect(report, 'one order resumed').toEqual({ checked: 1, changed: 0, resumed: 1, lapsed: 0 });
    expect(h.broker.posts.map((p) => p.clientOrderId), 'no approval is lost').toEqual([CLIENT_ID]);
    expect(h.proposal()?.state, 'executed to the end').toBe('filled');

    const again = await reconcileOrders(h.deps);
    expect([again.checked, h.broker.posts.length], 'a second run finds nothing to do').toEqual([0, 1]);
  });

  it('lapses an intent whose proposal expired meanwhile: canceled with the reason, nothing sent', async () => {
    const h = createExecutionHarness();
    await h.seedApproved();
    h.clock.advance(PAST_DEADLINE_MS);

    const report = await reconcileOrders(h.deps);
    expect(report, 'lapsed, not resumed').toEqual({ checked: 1, changed: 0, resumed: 0, lapsed: 1 });
    expect(h.broker.posts, 'a price that old was approved only in the past').toEqual([]);
    expect(h.order(CLIENT_ID)?.state, 'the order is closed').toBe('canceled');
    expect(h.proposal()?.state, 'the proposal too').toBe('canceled');
    expect(h.proposal()?.reason, 'the chat says why').toMatch(/not sent before the proposal expired/);
    expect(h.eventTypes(), 'the chat is told').toEqual(['order_finished']);
  });

  it('adopts an order left "unknown" (crash mid-POST) that the venue has, without sending it again', async () => {
    const h = createExecutionHarness();
    const intent = await h.seedApproved();
    await h.putOrder({ ...intent, state: 'unknown', submitAttempts: 1 });
    h.broker.held.set(CLIENT_ID, venueOrder(intent, 'filled', { quantity: '10', price: '100' }));
    await reconcileOrders(h.deps);
    expect(h.broker.posts, 'found by client id: no POST').toEqual([]);
    expect(h.proposal()?.state, 'brought to the venue state').toBe('filled');
  });

  // An order left "unknown" by a crash mid-POST whose proposal expired meanwhile is never
  // sent again; since its request may still reach the venue late, it is watched a few
  // minutes (looked up, never resent) before it lapses.
  it('does not send an "unknown" order that the venue never got once its proposal expired', async () => {
    const h = createExecutionHarness();
    const intent = await h.seedApproved();
    await h.putOrder({ ...intent, state: 'unknown', submitAttempts: 1 });
    h.clock.advance(PAST_DEADLINE_MS);
    await reconcileOrders(h.deps);
    expect(h.broker.posts, 'absent and expired: never send').toEqual([]);
    expect(h.broker.lookups[0], 'looked up first: it might exist').toBe(CLIENT_ID);
    expect(h.proposal()?.state, 'watched for a late arrival first').toBe('approved');
    h.clock.advance(5 * 60_000);
    await reconcileOrders(h.deps);
    expect(h.broker.posts, 'still never sent').toEqual([]);
    expect(h.broker.lookups.length, 'looked up again before giving up').toBeGreaterThan(1);
    expect(h.proposal()?.state, 'then closed with the lapse reason').toBe('canceled');
  });
});

describe('reconcileOrders as the fill check', () => {
  /** An order the venue accepted and that was still open when fill verification gave up. */
  async function setUpWatchedOrder() {
    const h = createExecutionHarness({ fillTimeoutSeconds: 2 });
    await h.seedApproved();
    await executeApproved(h.deps, CLIENT_ID);
    h.events.length = 0;
    return h;
  }

  it('a fill the minute check finds is the normal course of the order: the fill is told, and no HIGH "differed at the venue"', async () => {
    const h = await setUpWatchedOrder();
    expect(h.proposal()?.state, 'precondition: still watched').toBe('submitted');
    h.broker.lookupSteps.push(progress('filled', { quantity: '10', price: '100.4', fees: '0.3' }));

    const report = await reconcileOrders(h.deps);
    expect(report, 'one order changed').toEqual({ checked: 1, changed: 1, resumed: 0, lapsed: 0 });
    expect(h.eventTypes(), 'told as finished, not as a mismatch').toEqual(['order_finished']);
    expect(h.proposal(), 'the proposal follows').toMatchObject({ state: 'filled', fill: { filledQuantity: '10', averagePrice: '100.4', fees: '0.3' } });
    expect(h.broker.posts.length, 'reconciling never sends').toBe(1);
  });

  it('a growing partial fill refreshes the card and is not the end', async () => {
    const h = await setUpWatchedOrder();
    h.broker.lookupSteps.push(progress('partially_filled', { quantity: '6', price: '100.1' }));
    await reconcileOrders(h.deps);
    expect(h.eventTypes(), 'news for the card, no alert, no order_finished yet').toEqual(['order_partially_filled']);
    expect(h.proposal()?.state, 'partly filled').toBe('partially_filled');
  });

  it('an order the venue expired (its time in force ran out) is finished quietly', async () => {
    const h = await setUpWatchedOrder();
    h.broker.lookupSteps.push(progress('expired'));
    await reconcileOrders(h.deps);
    expect([h.eventTypes(), h.proposal()?.state], 'the normal end of a day order').toEqual([['order_finished'], 'expired']);
  });

  it('an order canceled at the venue by someone else is a HIGH mismatch: our record did not expect it', async () => {
    const h = await setUpWatchedOrder();
    h.broker.lookupSteps.push(progress('canceled'));
    await reconcileOrders(h.deps);
    const [mismatch] = h.events;
    expect(mismatch?.type === 'reconcile_mismatch' ? [mismatch.was, mismatch.order.state] : mismatch, 'what we thought and what is').toEqual(['open', 'canceled']);
    expect(h.eventTypes(), 'then the end is told').toEqual(['reconcile_mismatch', 'order_finished']);
  });

  it('a cancel we asked for (/halt) found by the minute check is no surprise', async () => {
    const h = await setUpWatchedOrder();
    const order = h.order(CLIENT_ID);
    if (order === undefined) throw new Error('no order');
    await h.putOrder({ ...order, cancelRequestedAt: h.clock.now().toISOString() });
    h.broker.lookupSteps.push(progress('canceled'));
    await reconcileOrders(h.deps);
    expect(h.eventTypes(), 'finished, without a false HIGH').toEqual(['order_finished']);
  });

  it('a day order still working 15 minutes after the close raises order_unresolved: the venue should have expired it', async () => {
    const h = await setUpWatchedOrder();
    expect(h.order(CLIENT_ID)?.timeInForce, 'precondition: a stock market order is a day order').toBe('day');
    h.clock.advance(5 * 3_600_000 + 14 * 60_000);
    await reconcileOrders(h.deps);
    expect(h.events, 'at 16:14 ET the venue may still be sweeping').toEqual([]);
    h.clock.advance(2 * 60_000);
    await reconcileOrders(h.deps);
    const [unresolved] = h.events;
    expect(unresolved?.type === 'order_unresolved' ? unresolved.reason : unresolved?.type, 'says when it should have ended').toBe(
      'its day order ended at the close (Tue, Mar 10, 16:00 ET), yet the venue still has it open; checked again every minute',
    );
  });

  it('an order that did not move says nothing', async () => {
    const h = await setUpWatchedOrder();
    const report = await reconcileOrders(h.deps);
    expect([report.changed, h.events], 'quiet when nothing changed').toEqual([0, []]);
  });
});
