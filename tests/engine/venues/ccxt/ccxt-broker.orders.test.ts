import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OrderRequest } from '../../../../src/engine/ports/broker.js';
import { DuplicateClientOrderIdError, OrderRejectedError, VenueAuthError } from '../../../../src/engine/venues/broker-errors.js';
import { createCcxtBroker } from '../../../../src/engine/venues/ccxt/ccxt-broker.js';
import { Decimal } from '../../../../src/engine/money/decimal.js';
import { localOnlyFetch, startFakeBinance, type FakeBinance } from './fake-binance.js';
import { loadFixture } from '../load-fixture.js';
import { VenueRateLimitedError, VenueUnavailableError } from '../../../../src/errors.js';

// Transport: a local node:http server speaking Binance's REST format; ccxt's `urls.api`
// origins point at it and its fetch refuses any other host.
const CLIENT_ORDER_ID = 'cs-prop42-3f9a1c0d2e4b5a6978c1';
const ORDER = 'POST /api/v3/order'.split(' ') as [string, string];

let fake: FakeBinance;
const createBroker = (timeoutMs?: number) =>
  createCcxtBroker({
    exchangeId: 'binance',
    apiKey: 'api-key',
    secret: 'api-secret',
    sandbox: false,
    urlsOverride: fake.url,
    fetchImplementation: localOnlyFetch,
    timeoutMs,
  });

const marketBuy: OrderRequest = { clientOrderId: CLIENT_ORDER_ID, symbol: 'BTC/USDT', side: 'buy', type: 'market', quantity: new Decimal('0.0015') };

beforeEach(async () => {
  fake = await startFakeBinance();
});
afterEach(async () => {
  expect(fake.requests.filter((request) => !request.routed), 'ccxt called only the endpoints the test expected').toEqual([]);
  await fake.close();
});

describe('ccxt (binance) submitOrder', () => {
  it('sends the client order id as newClientOrderId and maps a FULL market fill', async () => {
    fake.on(...ORDER, { body: loadFixture('binance', 'order-market-buy-full') });
    const order = await createBroker().submitOrder(marketBuy);
    const sent = fake.requests.find((request) => request.path === '/api/v3/order')!.params;
    expect(Object.fromEntries(['symbol', 'side', 'type', 'quantity', 'newClientOrderId'].map((k) => [k, sent.get(k)])), 'Binance wire format').toEqual({
      symbol: 'BTCUSDT',
      side: 'BUY',
      type: 'MARKET',
      quantity: '0.0015',
      newClientOrderId: CLIENT_ORDER_ID,
    });
    expect(order, 'two fills: 0.001 @ 66800 and 0.0005 @ 66815; BTC commission valued at the average').toEqual({
      venueOrderId: '28457211',
      clientOrderId: CLIENT_ORDER_ID,
      symbol: 'BTC/USDT',
      side: 'buy',
      status: 'filled',
      filledQuantity: new Decimal('0.0015'),
      averagePrice: new Decimal('66805'),
      fees: new Decimal('0.1002075'),
    });
  });

  it('spends a notional through quoteOrderQty', async () => {
    fake.on(...ORDER, { body: loadFixture('binance', 'order-market-buy-full') });
    await createBroker().submitOrder({ ...marketBuy, quantity: undefined, notional: new Decimal('250') });
    const sent = fake.requests.find((request) => request.path === '/api/v3/order')!.params;
    expect(sent.get('quoteOrderQty'), 'the amount of USDT to spend').toBe('250');
    expect(sent.has('quantity'), 'no base quantity with a notional').toBe(false);
  });

  it('places a GTC limit order and maps NEW to open', async () => {
    fake.on(...ORDER, { body: loadFixture('binance', 'order-limit-new-full') });
    const order = await createBroker().submitOrder({ ...marketBuy, type: 'limit', quantity: new Decimal('0.01'), limitPrice: new Decimal('65000') });
    const sent = fake.requests.find((request) => request.path === '/api/v3/order')!.params;
    expect([sent.get('type'), sent.get('price'), sent.get('timeInForce')], 'limit order fields').toEqual(['LIMIT', '65000', 'GTC']);
    expect([order.status, order.filledQuantity.toString(), order.averagePrice], 'nothing filled yet').toEqual(['open', '0', undefined]);
  });

  it('counts a USDT commission as it is and a BNB commission as 0', async () => {
    fake.on(...ORDER, { body: loadFixture('binance', 'order-market-sell-full') });
    const sell = await createBroker().submitOrder({ ...marketBuy, symbol: 'ETH/USDT', side: 'sell', quantity: new Decimal('0.2') });
    expect(sell.fees.toString(), 'quote-currency fee').toBe('0.5846');
    fake.on(...ORDER, { body: loadFixture('binance', 'order-market-buy-bnb-fee') });
    const bnb = await createBroker().submitOrder({ ...marketBuy, symbol: 'ETH/USDT', quantity: new Decimal('0.1') });
    expect(bnb.fees.toString(), 'a third-asset fee has no price here').toBe('0');
  });

  it('refuses an unknown symbol without sending anything', async () => {
    const error = await createBroker().submitOrder({ ...marketBuy, symbol: 'NOPE/USDT' }).catch((e: unknown) => e);
    expect(error, 'BadSymbol is a definite no').toBeInstanceOf(OrderRejectedError);
    expect(fake.count(...ORDER), 'nothing posted').toBe(0);
  });

  it.each([
    ['insufficient balance', 400, 'error-insufficient-balance', {}, OrderRejectedError],
    ['a duplicate client order id', 400, 'error-duplicate-order', {}, DuplicateClientOrderIdError],
    ['too much request weight (429)', 429, 'error-too-much-weight', { 'Retry-After': '7' }, VenueRateLimitedError],
    ['an internal error (503)', 503, 'error-internal', {}, VenueUnavailableError],
    ['an invalid API key (401)', 401, 'error-invalid-api-key', {}, VenueAuthError],
  ])('maps %s to its broker error and posts exactly once', async (_name, status, fixture, headers, errorClass) => {
    fake.on(...ORDER, { status, body: loadFixture('binance', fixture), headers });
    const error = await createBroker().submitOrder(marketBuy).catch((e: unknown) => e);
    expect(error, `${fixture} → ${errorClass.name}`).toBeInstanceOf(errorClass);
    expect(fake.count(...ORDER), 'ccxt never retries, and neither does the adapter').toBe(1);
  });

  it('honors Retry-After on a 429', async () => {
    fake.on(...ORDER, { status: 429, body: loadFixture('binance', 'error-too-much-weight'), headers: { 'Retry-After': '7' } });
    const error = (await createBroker().submitOrder(marketBuy).catch((e: unknown) => e)) as VenueRateLimitedError;
    expect(error.retryAfterMs, 'seconds from the header').toBe(7000);
  });

  it('names the client order id on a duplicate so the caller can look it up', async () => {
    fake.on(...ORDER, { status: 400, body: loadFixture('binance', 'error-duplicate-order') });
    const error = (await createBroker().submitOrder(marketBuy).catch((e: unknown) => e)) as DuplicateClientOrderIdError;
    expect(error.clientOrderId, 'the id to look up').toBe(CLIENT_ORDER_ID);
  });

  it('reports a timeout as VenueUnavailableError after one POST', async () => {
    fake.on(...ORDER, { body: loadFixture('binance', 'order-market-buy-full'), delayMs: 1_500 });
    const error = await createBroker(300).submitOrder(marketBuy).catch((e: unknown) => e);
    expect(error, 'the order may exist: look it up').toBeInstanceOf(VenueUnavailableError);
    expect(fake.count(...ORDER), 'not replayed').toBe(1);
  });
});

describe('ccxt (binance) getOrderByClientId', () => {
  it.each([
    ['NEW', '0.00000000', 'open'],
    ['PARTIALLY_FILLED', '0.00400000', 'partially_filled'],
    ['FILLED', '0.01000000', 'filled'],
    ['CANCELED', '0.00400000', 'canceled'],
    ['REJECTED', '0.00000000', 'rejected'],
    ['EXPIRED', '0.00000000', 'expired'],
  ])('maps Binance %s (executedQty %s) to %s', async (status, executedQty, expected) => {
    fake.on('GET', '/api/v3/order', { body: { ...loadFixture<object>('binance', 'query-order'), status, executedQty } });
    const order = await createBroker().getOrderByClientId(CLIENT_ORDER_ID, 'BTC/USDT');
    const sent = fake.requests.find((request) => request.path === '/api/v3/order')!.params;
    expect(sent.get('origClientOrderId'), 'looked up by client id, not order id').toBe(CLIENT_ORDER_ID);
    expect(order?.status, `Binance ${status}`).toBe(expected);
    expect(order?.filledQuantity.toString(), 'executedQty').toBe(new Decimal(executedQty).toString());
  });

  it('returns undefined when Binance says the order does not exist (-2013)', async () => {
    fake.on('GET', '/api/v3/order', { status: 400, body: loadFixture('binance', 'error-order-does-not-exist') });
    await expect(createBroker().getOrderByClientId(CLIENT_ORDER_ID, 'BTC/USDT'), 'certainly absent').resolves.toBeUndefined();
  });

  it('does not turn a failed lookup into "absent"', async () => {
    fake.on('GET', '/api/v3/order', { status: 503, body: loadFixture('binance', 'error-internal') });
    await expect(createBroker().getOrderByClientId(CLIENT_ORDER_ID, 'BTC/USDT'), 'unknown stays unknown').rejects.toBeInstanceOf(VenueUnavailableError);
  });
});

describe('ccxt (binance) cancellation', () => {
  it('cancels per symbol with DELETE /api/v3/openOrders and counts the canceled orders', async () => {
    fake.on('GET', '/api/v3/openOrders', { body: loadFixture('binance', 'open-orders') });
    fake.on('DELETE', '/api/v3/openOrders', (request) => ({
      body: loadFixture('binance', request.params.get('symbol') === 'BTCUSDT' ? 'cancel-open-orders-btcusdt' : 'cancel-open-orders-ethusdt'),
    }));
    await expect(createBroker().cancelAllOpenOrders(), 'two BTC orders and one ETH order').resolves.toBe(3);
    const symbols = fake.requests.filter((request) => request.method === 'DELETE').map((request) => request.params.get('symbol'));
    expect(symbols.sort(), 'one DELETE per symbol with open orders').toEqual(['BTCUSDT', 'ETHUSDT']);
  });

  it('cancels one order by its venue id', async () => {
    fake.on('DELETE', '/api/v3/order', { body: loadFixture<unknown[]>('binance', 'cancel-open-orders-btcusdt')[0] });
    const order = { venueOrderId: '28457300', clientOrderId: 'cs-a', symbol: 'BTC/USDT', side: 'buy', status: 'open', filledQuantity: new Decimal(0), fees: new Decimal(0) } as const;
    await createBroker().cancelOrder(order);
    const sent = fake.requests.find((request) => request.method === 'DELETE')!.params;
    expect([sent.get('symbol'), sent.get('orderId')], 'DELETE /api/v3/order?symbol&orderId').toEqual(['BTCUSDT', '28457300']);
  });
});
