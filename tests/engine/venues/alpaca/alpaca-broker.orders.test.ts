import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createAlpacaBroker } from '../../../../src/engine/venues/alpaca/alpaca-broker.js';
import type { BrokerOrder, OrderRequest } from '../../../../src/engine/ports/broker.js';
import { DuplicateClientOrderIdError, OrderRejectedError, VenueAuthError } from '../../../../src/engine/venues/broker-errors.js';
import { Decimal } from '../../../../src/engine/money/decimal.js';
import { loadFixture } from '../load-fixture.js';
import { VenueRateLimitedError, VenueUnavailableError } from '../../../../src/errors.js';

const PAPER = 'https://paper-api.alpaca.markets';
const CLIENT_ORDER_ID = 'cs-prop42-3f9a1c0d2e4b5a6978c1';

const limitBuy: OrderRequest = {
  clientOrderId: CLIENT_ORDER_ID,
  symbol: 'AAPL',
  side: 'buy',
  type: 'limit',
  quantity: new Decimal('10'),
  limitPrice: new Decimal('189.50'),
};

// Built per test, after nock is active: the SDK resolves `fetch` per call, but a fresh
// client also gives every test a fresh rate-limit bucket.
const createBroker = (timeoutMs?: number) => createAlpacaBroker({ keyId: 'PKTEST', secretKey: 'secret', live: false, timeoutMs });

/** Answers every POST /v2/orders with `reply` and counts them: a retry would show as > 1. */
function countOrderPosts(reply: () => nock.ReplyFnResult): { readonly count: () => number } {
  let posts = 0;
  nock(PAPER)
    .post('/v2/orders')
    .times(5)
    .reply(() => {
      posts += 1;
      return reply();
    });
  return { count: () => posts };
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

describe('Alpaca submitOrder', () => {
  it('posts the order once with its client order id and maps the accepted order', async () => {
    let body: Record<string, unknown> = {};
    nock(PAPER)
      .matchHeader('APCA-API-KEY-ID', 'PKTEST')
      .matchHeader('APCA-API-SECRET-KEY', 'secret')
      .post('/v2/orders', (sent: Record<string, unknown>) => {
        body = sent;
        return true;
      })
      .reply(200, loadFixture('alpaca', 'order-accepted'));

    const order = await createBroker().submitOrder(limitBuy);

    expect(body, 'Alpaca wire format: snake_case strings, day order for an equity').toEqual({
      symbol: 'AAPL',
      side: 'buy',
      type: 'limit',
      time_in_force: 'day',
      client_order_id: CLIENT_ORDER_ID,
      qty: '10',
      limit_price: '189.5',
    });
    expect(order, 'accepted and unfilled is open').toEqual({
      venueOrderId: '7c1a9b4e-2f0d-4c65-9a8e-3d2b6f1e0a57',
      clientOrderId: CLIENT_ORDER_ID,
      symbol: 'AAPL',
      side: 'buy',
      status: 'open',
      filledQuantity: new Decimal(0),
      averagePrice: undefined,
      fees: new Decimal(0),
      reason: undefined,
    });
  });

  it('sends a notional market order as a day order without qty', async () => {
    let body: Record<string, unknown> = {};
    nock(PAPER)
      .post('/v2/orders', (sent: Record<string, unknown>) => {
        body = sent;
        return true;
      })
      .reply(200, { ...loadFixture<object>('alpaca', 'order-accepted'), type: 'market', qty: null, notional: '250' });
    await createBroker().submitOrder({ clientOrderId: 'cs-n', symbol: 'AAPL', side: 'buy', type: 'market', notional: new Decimal('250') });
    expect(body, 'notional orders must be market/day').toEqual({
      symbol: 'AAPL',
      side: 'buy',
      type: 'market',
      time_in_force: 'day',
      client_order_id: 'cs-n',
      notional: '250',
    });
  });

  it('refuses a request with both quantity and notional before any network call', async () => {
    const request = { ...limitBuy, notional: new Decimal(100) };
    await expect(createBroker().submitOrder(request), 'nothing was sent, so nothing exists').rejects.toBeInstanceOf(OrderRejectedError);
  });

  it('reports a reused client order id (422) as DuplicateClientOrderIdError', async () => {
    const posts = countOrderPosts(() => [422, loadFixture('alpaca', 'error-duplicate-client-order-id')]);
    const error = await createBroker().submitOrder(limitBuy).catch((e: unknown) => e);
    expect(error, 'the caller must look the order up, not resend').toBeInstanceOf(DuplicateClientOrderIdError);
    expect((error as DuplicateClientOrderIdError).clientOrderId, 'names the id to look up').toBe(CLIENT_ORDER_ID);
    expect(posts.count(), 'never retried').toBe(1);
  });

  it('reports 403 insufficient buying power as OrderRejectedError with Alpaca’s message', async () => {
    const posts = countOrderPosts(() => [403, loadFixture('alpaca', 'error-insufficient-buying-power')]);
    const error = await createBroker().submitOrder(limitBuy).catch((e: unknown) => e);
    expect(error, 'a definite refusal').toBeInstanceOf(OrderRejectedError);
    expect((error as OrderRejectedError).reason, 'Alpaca’s own words reach the trader').toBe('insufficient buying power');
    expect(posts.count(), 'never retried').toBe(1);
  });

  it('reports 429 as VenueRateLimitedError honoring Retry-After, and sends the POST once', async () => {
    const posts = countOrderPosts(() => [429, loadFixture('alpaca', 'error-rate-limit'), { 'Retry-After': '3' }]);
    const error = await createBroker().submitOrder(limitBuy).catch((e: unknown) => e);
    expect(error, '429 means not processed: safe to retry later').toBeInstanceOf(VenueRateLimitedError);
    expect((error as VenueRateLimitedError).retryAfterMs, 'Retry-After: 3 seconds').toBe(3000);
    expect(posts.count(), 'the SDK must not replay an order POST, even on 429').toBe(1);
  });

  it('derives the wait from X-RateLimit-Reset when there is no Retry-After', async () => {
    const reset = Math.ceil(Date.now() / 1000) + 20;
    const headers = { 'X-RateLimit-Limit': '200', 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': String(reset) };
    countOrderPosts(() => [429, loadFixture('alpaca', 'error-rate-limit'), headers]);
    const error = (await createBroker().submitOrder(limitBuy).catch((e: unknown) => e)) as VenueRateLimitedError;
    expect(error.retryAfterMs, 'about 20 s until the window resets').toBeGreaterThan(15_000);
    expect(error.retryAfterMs, 'about 20 s until the window resets').toBeLessThanOrEqual(21_000);
  });

  it('reports 500 as VenueUnavailableError and sends the POST once', async () => {
    const posts = countOrderPosts(() => [500, loadFixture('alpaca', 'error-internal')]);
    const error = await createBroker().submitOrder(limitBuy).catch((e: unknown) => e);
    expect(error, 'outcome unknown: look it up by client order id').toBeInstanceOf(VenueUnavailableError);
    expect(posts.count(), 'never blindly retried').toBe(1);
  });

  it('reports a timeout as VenueUnavailableError and sends the POST once', async () => {
    let posts = 0;
    nock(PAPER)
      .post('/v2/orders')
      .times(5)
      .delay(1_000)
      .reply(() => {
        posts += 1;
        return [200, loadFixture('alpaca', 'order-accepted')];
      });
    const error = await createBroker(100).submitOrder(limitBuy).catch((e: unknown) => e);
    expect(error, 'the order may have been accepted').toBeInstanceOf(VenueUnavailableError);
    expect((error as VenueUnavailableError).detail, 'says why').toBe('request timed out');
    expect(posts, 'a timed-out POST is not replayed').toBe(1);
  });

  it('reports 401 as VenueAuthError', async () => {
    countOrderPosts(() => [401, loadFixture('alpaca', 'error-unauthorized')]);
    await expect(createBroker().submitOrder(limitBuy), 'an operator must fix the keys').rejects.toBeInstanceOf(VenueAuthError);
  });
});

describe('Alpaca getOrderByClientId', () => {
  const lookup = () => nock(PAPER).get('/v2/orders:by_client_order_id').query({ client_order_id: CLIENT_ORDER_ID });

  it('returns undefined on 404: Alpaca has no such order', async () => {
    lookup().reply(404, loadFixture('alpaca', 'error-order-not-found'));
    await expect(createBroker().getOrderByClientId(CLIENT_ORDER_ID, 'AAPL'), 'certainly absent').resolves.toBeUndefined();
  });

  it.each([
    ['order-partially-filled', 'partially_filled', '4', '189.47'],
    ['order-filled', 'filled', '10', '189.482'],
    ['order-rejected', 'rejected', '0', undefined],
    ['order-expired', 'expired', '3', '189.44'],
    ['order-replaced', 'canceled', '0', undefined],
  ])('maps %s to %s', async (fixture, status, filled, average) => {
    lookup().reply(200, loadFixture('alpaca', fixture));
    const order = await createBroker().getOrderByClientId(CLIENT_ORDER_ID, 'AAPL');
    expect(order?.status, `${fixture} status`).toBe(status);
    expect(order?.filledQuantity.toString(), 'filled quantity as a decimal').toBe(filled);
    expect(order?.averagePrice?.toString(), 'average price only once something filled').toBe(average);
  });

  it('retries a read that met a 503, unlike an order POST', async () => {
    lookup().reply(503, loadFixture('alpaca', 'error-internal'));
    lookup().reply(200, loadFixture('alpaca', 'order-filled'));
    const order = await createBroker().getOrderByClientId(CLIENT_ORDER_ID, 'AAPL');
    expect(order?.status, 'the SDK retried the GET').toBe('filled');
  });
});

describe('Alpaca cancellation', () => {
  it('cancels one order by its venue id', async () => {
    const scope = nock(PAPER).delete('/v2/orders/7c1a9b4e-2f0d-4c65-9a8e-3d2b6f1e0a57').reply(204);
    const order: BrokerOrder = {
      venueOrderId: '7c1a9b4e-2f0d-4c65-9a8e-3d2b6f1e0a57',
      clientOrderId: CLIENT_ORDER_ID,
      symbol: 'AAPL',
      side: 'buy',
      status: 'open',
      filledQuantity: new Decimal(0),
      fees: new Decimal(0),
    };
    await createBroker().cancelOrder(order);
    expect(scope.isDone(), 'DELETE /v2/orders/{id} was sent').toBe(true);
  });

  it('counts the orders DELETE /v2/orders actually canceled', async () => {
    nock(PAPER).delete('/v2/orders').reply(207, loadFixture('alpaca', 'cancel-all-orders'));
    await expect(createBroker().cancelAllOpenOrders(), 'two 200s, one 500').resolves.toBe(2);
  });
});
