import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OrderRejectedError } from '../../../../src/engine/venues/broker-errors.js';
import { createCcxtBroker } from '../../../../src/engine/venues/ccxt/ccxt-broker.js';
import { createCcxtExchange } from '../../../../src/engine/venues/ccxt/ccxt-exchange.js';
import { Decimal } from '../../../../src/engine/money/decimal.js';
import { localOnlyFetch, startFakeBinance, type FakeBinance } from './fake-binance.js';
import { loadFixture } from '../load-fixture.js';
import { VenueRateLimitedError } from '../../../../src/errors.js';

let fake: FakeBinance;
const createBroker = () =>
  createCcxtBroker({ exchangeId: 'binance', apiKey: 'k', secret: 's', sandbox: false, urlsOverride: fake.url, fetchImplementation: localOnlyFetch });

beforeEach(async () => {
  fake = await startFakeBinance();
  fake.on('GET', '/api/v3/account', { body: loadFixture('binance', 'account') });
  fake.on('GET', '/api/v3/ticker/24hr', (request) => ({
    body: loadFixture('binance', request.params.has('symbols') ? 'tickers' : 'ticker-btcusdt'),
  }));
});
afterEach(async () => {
  expect(fake.requests.filter((request) => !request.routed), 'no unexpected endpoint (sapi, margin, futures)').toEqual([]);
  await fake.close();
});

describe('ccxt spot account', () => {
  it('loads markets from exchangeInfo alone', async () => {
    await createBroker().getMarketRules('BTC/USDT');
    expect(fake.requests.map((request) => request.path), 'spot only: no sapi, fapi or dapi calls').toEqual(['/api/v3/exchangeInfo']);
  });

  it('lists non-zero base balances with a USDT market as positions, entry price unknown (0)', async () => {
    await expect(createBroker().getPositions(), 'free + locked; zero BNB and unlisted NFT left out').resolves.toEqual([
      { symbol: 'BTC/USDT', quantity: new Decimal('0.015'), averageEntryPrice: new Decimal(0) },
      { symbol: 'ETH/USDT', quantity: new Decimal('0.5'), averageEntryPrice: new Decimal(0) },
    ]);
  });

  it('values equity as USDT plus each holding at its last price', async () => {
    await expect(createBroker().getAccount(), '2170.4 + 0.015 × 66810 + 0.5 × 2923').resolves.toEqual({
      equity: new Decimal('4634.05'),
      cash: new Decimal('2170.4'),
    });
    const tickers = fake.requests.find((request) => request.path === '/api/v3/ticker/24hr')!;
    expect(tickers.params.get('symbols'), 'one request for all holdings').toBe('["BTCUSDT","ETHUSDT"]');
  });

  it('reports a 429 while reading the account as VenueRateLimitedError', async () => {
    fake.on('GET', '/api/v3/account', { status: 429, body: loadFixture('binance', 'error-too-much-weight'), headers: { 'Retry-After': '30' } });
    const error = (await createBroker().getAccount().catch((e: unknown) => e)) as VenueRateLimitedError;
    expect(error, 'rate limited').toBeInstanceOf(VenueRateLimitedError);
    expect(error.retryAfterMs, 'from Retry-After').toBe(30_000);
  });
});

describe('ccxt market data and rules', () => {
  it('turns LOT_SIZE, PRICE_FILTER and NOTIONAL into decimal increments', async () => {
    await expect(createBroker().getMarketRules('BTC/USDT'), 'Binance is TICK_SIZE precision mode').resolves.toEqual({
      quantityIncrement: new Decimal('0.00001'),
      priceIncrement: new Decimal('0.01'),
      minQuantity: new Decimal('0.00001'),
      minNotional: new Decimal(5),
    });
  });

  it('refuses rules for a symbol the exchange does not list', async () => {
    await expect(createBroker().getMarketRules('NOPE/USDT'), 'BadSymbol').rejects.toBeInstanceOf(OrderRejectedError);
  });

  it('returns the ticker’s last price with its close time', async () => {
    await expect(createBroker().latestPrice('BTC/USDT'), 'lastPrice and closeTime').resolves.toEqual({
      symbol: 'BTC/USDT',
      price: new Decimal('66810'),
      observedAt: new Date(1715957460000),
    });
  });

  it('returns undefined for an unknown symbol without a request', async () => {
    await expect(createBroker().latestPrice('NOPE/USDT'), 'an expected negative').resolves.toBeUndefined();
    expect(fake.count('GET', '/api/v3/ticker/24hr'), 'ccxt knew from its markets').toBe(0);
  });
});

describe('ccxt exchange setup', () => {
  it('rejects an exchange id ccxt does not know', () => {
    expect(() => createCcxtExchange({ exchangeId: 'toString', apiKey: 'k', secret: 's', sandbox: false }), 'prototype keys are not exchanges').toThrow(
      expect.objectContaining({ problem: 'unknown_exchange' }),
    );
  });

  it('switches binance to its testnet in sandbox mode', () => {
    const exchange = createCcxtExchange({ exchangeId: 'binance', apiKey: 'k', secret: 's', sandbox: true });
    expect((exchange.urls.api as Record<string, string>)['private'], 'testnet host').toBe('https://testnet.binance.vision/api/v3');
  });

  it('fails at creation when sandbox is asked of an exchange without one', () => {
    expect(() => createCcxtBroker({ exchangeId: 'kraken', apiKey: 'k', secret: 's', sandbox: true }), 'kraken has no testnet').toThrow(
      expect.objectContaining({ problem: 'sandbox_unsupported' }),
    );
  });

  it('fails at creation when orders cannot be found by client order id', () => {
    expect(() => createCcxtBroker({ exchangeId: 'bitstamp', apiKey: 'k', secret: 's', sandbox: false }), 'no closed-order listing').toThrow(
      expect.objectContaining({ problem: 'client_id_lookup_unsupported' }),
    );
  });

  it('points every API URL at the override origin, keeping Binance paths', () => {
    const exchange = createCcxtExchange({ exchangeId: 'binance', apiKey: 'k', secret: 's', sandbox: false, urlsOverride: 'http://127.0.0.1:9' });
    const urls = Object.values(exchange.urls.api as Record<string, string>);
    expect(urls.every((url) => url.startsWith('http://127.0.0.1:9/')), 'no URL left on a real host').toBe(true);
    expect((exchange.urls.api as Record<string, string>)['sapi'], 'path kept').toBe('http://127.0.0.1:9/sapi/v1');
  });
});
