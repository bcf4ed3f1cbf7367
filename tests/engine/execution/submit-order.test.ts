import { describe, expect, it } from 'vitest';
import { getClientOrderId } from '../../../src/engine/execution/client-order-id.js';
import { submitOrder } from '../../../src/engine/execution/submit-order.js';
import { createExecutionHarness } from './execution-harness.js';
import { accept, acceptThenTimeOut, duplicate, failLookup, loseRequest, rateLimit, reject, venueOrder } from './fake-broker.js';

const CLIENT_ID = getClientOrderId('p-1');

async function setUp() {
  const h = createExecutionHarness();
  const intent = await h.seedApproved();
  return { ...h, intent, submit: () => submitOrder(h.deps, h.broker, intent.clientOrderId) };
}

describe('submitOrder: the venue answers', () => {
  it('accepted: one POST with the derived client order id, the venue state stored', async () => {
    const h = await setUp();
    const outcome = await h.submit();
    expect(outcome.kind, 'the venue took it').toBe('accepted');
    expect(h.broker.posts.map((p) => p.clientOrderId), 'one POST, keyed by the proposal').toEqual([CLIENT_ID]);
    expect(h.broker.posts[0]?.quantity?.toString(), 'the stored, rounded quantity').toBe('10');
    expect(h.order(CLIENT_ID), 'stored as the venue reports it').toMatchObject({ state: 'open', venueOrderId: `v-${CLIENT_ID}`, submitAttempts: 1 });
    expect(h.broker.lookups, 'no doubt, so no lookup').toEqual([]);
  });

  it('OrderRejectedError → rejected with the venue reason, one POST, never retried', async () => {
    const h = await setUp();
    h.broker.submitSteps.push(reject('insufficient buying power'));
    const outcome = await h.submit();
    expect(outcome.kind, 'a definite no is a value').toBe('rejected');
    expect(h.order(CLIENT_ID), 'the reason is kept for the chat').toMatchObject({ state: 'rejected', reason: 'insufficient buying power', submitAttempts: 1 });
    expect([h.broker.posts.length, h.broker.lookups.length], 'one POST, nothing to look up').toEqual([1, 0]);
  });

  it('an order already accepted before is not sent again', async () => {
    const h = await setUp();
    await h.putOrder({ ...h.intent, state: 'open', submitAttempts: 1 });
    const outcome = await h.submit();
    expect([outcome.kind, h.broker.posts.length], 'a second call is a no-op').toEqual(['accepted', 0]);
  });
});

describe('submitOrder: in doubt, it looks up before anything else', () => {
  it('VenueUnavailableError, then the lookup finds it → accepted after one POST', async () => {
    const h = await setUp();
    h.broker.submitSteps.push(acceptThenTimeOut());
    const outcome = await h.submit();
    expect(outcome.kind, 'the order was there all along').toBe('accepted');
    expect(h.broker.posts.length, 'never resent once it exists').toBe(1);
    expect(h.broker.lookups, 'looked up by the same client id').toEqual([CLIENT_ID]);
    expect(h.order(CLIENT_ID)?.state, 'the venue state from the lookup').toBe('open');
  });

  it('VenueUnavailableError, then the lookup proves absence → a second POST with the SAME client order id', async () => {
    const h = await setUp();
    h.broker.submitSteps.push(loseRequest());
    const outcome = await h.submit();
    expect(outcome.kind, 'the second POST went through').toBe('accepted');
    expect(h.broker.posts.map((p) => p.clientOrderId), 'same id, so a late first POST would be refused as a duplicate').toEqual([CLIENT_ID, CLIENT_ID]);
    expect(h.order(CLIENT_ID)?.submitAttempts, 'both attempts counted').toBe(2);
    expect(h.broker.held.size, 'one order at the venue').toBe(1);
  });

  it('DuplicateClientOrderIdError → lookup → accepted, not resent', async () => {
    const h = await setUp();
    h.broker.held.set(CLIENT_ID, venueOrder({ clientOrderId: CLIENT_ID, symbol: 'AAPL', side: 'buy' }, 'filled', { quantity: '10', price: '100.1' }));
    h.broker.submitSteps.push(duplicate());
    const outcome = await h.submit();
    expect(outcome.kind, 'the venue already has it').toBe('accepted');
    expect([h.broker.posts.length, h.broker.lookups.length], 'one POST, one lookup').toEqual([1, 1]);
    expect(h.order(CLIENT_ID), 'the existing order is adopted').toMatchObject({ state: 'filled', filledQuantity: '10', averagePrice: '100.1' });
  });

  it('VenueRateLimitedError → waits retryAfterMs, looks up, then resends', async () => {
    const h = await setUp();
    h.broker.submitSteps.push(rateLimit(7_000));
    const outcome = await h.submit();
    expect(outcome.kind, 'accepted on the second POST').toBe('accepted');
    expect(h.sleeps[0], 'waited as the venue told').toBe(7_000);
    expect(h.broker.lookups, 'confirmed absence before resending').toEqual([CLIENT_ID]);
    expect(h.broker.posts.map((p) => p.clientOrderId), 'resent with the same id').toEqual([CLIENT_ID, CLIENT_ID]);
  });

  it('a lookup that keeps failing → unresolved, state stays unknown, no second POST', async () => {
    const h = await setUp();
    h.broker.submitSteps.push(loseRequest());
    h.broker.lookupSteps.push(failLookup(), failLookup(), failLookup(), failLookup(), failLookup());
    const outcome = await h.submit();
    expect(outcome.kind, 'no answer is not an answer').toBe('unresolved');
    expect(outcome.kind === 'unresolved' ? outcome.reason : '', 'says what failed').toContain('HTTP 503');
    expect(h.order(CLIENT_ID)?.state, 'reconciliation must look it up later').toBe('unknown');
    expect(h.broker.posts.length, 'never resent without proof of absence').toBe(1);
    expect([h.broker.lookups.length, h.sleeps], 'four tries with backoff').toEqual([4, [1_000, 2_000, 4_000]]);
  });

  it('gives up after three POSTs that all vanish, each with the same id', async () => {
    const h = await setUp();
    h.broker.submitSteps.push(loseRequest(), loseRequest(), loseRequest(), accept());
    const outcome = await h.submit();
    expect(outcome.kind, 'bounded, then reconciliation takes over').toBe('unresolved');
    expect(new Set(h.broker.posts.map((p) => p.clientOrderId)), 'one id for all attempts').toEqual(new Set([CLIENT_ID]));
    expect(h.broker.posts.length, 'at most three POSTs').toBe(3);
    expect(h.order(CLIENT_ID), 'still in doubt').toMatchObject({ state: 'unknown', submitAttempts: 3 });
  });
});

describe('submitOrder: the record is written before the network call', () => {
  it('a record already "unknown" at start is looked up first, and not sent when found', async () => {
    const h = await setUp();
    await h.putOrder({ ...h.intent, state: 'unknown', submitAttempts: 1 });
    h.broker.held.set(CLIENT_ID, venueOrder({ clientOrderId: CLIENT_ID, symbol: 'AAPL', side: 'buy' }, 'open'));
    const outcome = await h.submit();
    expect(outcome.kind, 'the crash happened after the venue took it').toBe('accepted');
    expect([h.broker.lookups.length, h.broker.posts.length], 'lookup, no POST').toEqual([1, 0]);
    expect(h.order(CLIENT_ID)?.submitAttempts, 'no attempt added').toBe(1);
  });

  it('a record already "unknown" whose order is absent is sent with the same id', async () => {
    const h = await setUp();
    await h.putOrder({ ...h.intent, state: 'unknown', submitAttempts: 1 });
    await h.submit();
    expect(h.broker.lookups, 'looked up first').toEqual([CLIENT_ID]);
    expect(h.broker.posts.map((p) => p.clientOrderId), 'then sent, same id').toEqual([CLIENT_ID]);
    expect(h.order(CLIENT_ID)?.submitAttempts, 'the second attempt overall').toBe(2);
  });

  it('stores state "unknown" with the attempt counted BEFORE every POST', async () => {
    const h = await setUp();
    const seen: unknown[] = [];
    h.broker.beforeSubmit = () => {
      const stored = h.order(CLIENT_ID);
      seen.push([stored?.state, stored?.submitAttempts]);
    };
    h.broker.submitSteps.push(loseRequest());
    await h.submit();
    expect(seen, 'a crash mid-request restarts with a lookup, never a blind resend').toEqual([
      ['unknown', 1],
      ['unknown', 2],
    ]);
  });
});
