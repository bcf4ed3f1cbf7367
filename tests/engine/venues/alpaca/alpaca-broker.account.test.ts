import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createAlpacaBroker } from '../../../../src/engine/venues/alpaca/alpaca-broker.js';
import { OrderRejectedError, VenueAuthError } from '../../../../src/engine/venues/broker-errors.js';
import { Decimal } from '../../../../src/engine/money/decimal.js';
import { loadFixture } from '../load-fixture.js';

const PAPER = 'https://paper-api.alpaca.markets';
const LIVE = 'https://api.alpaca.markets';
const DATA = 'https://data.alpaca.markets';

const createBroker = () => createAlpacaBroker({ keyId: 'PKTEST', secretKey: 'secret', live: false });
const latestTrade = (symbol: string) => nock(DATA).get(`/v2/stocks/${symbol}/trades/latest`).query({ feed: 'iex' });

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

describe('Alpaca account', () => {
  it('maps positions with a signed quantity and the average entry price', async () => {
    nock(PAPER).get('/v2/positions').reply(200, loadFixture('alpaca', 'positions'));
    const positions = await createBroker().getPositions();
    expect(positions, 'long stays positive, short becomes negative').toEqual([
      { symbol: 'AAPL', quantity: new Decimal('12.5'), averageEntryPrice: new Decimal('185.3312') },
      { symbol: 'TSLA', quantity: new Decimal('-3'), averageEntryPrice: new Decimal('176.12') },
    ]);
  });

  it('maps equity, cash, last_equity as the day-start equity, and shorting_enabled', async () => {
    nock(PAPER).get('/v2/account').reply(200, loadFixture('alpaca', 'account'));
    await expect(createBroker().getAccount(), 'decimals straight from the strings').resolves.toEqual({
      equity: new Decimal('99031.705'),
      cash: new Decimal('97189.87'),
      dayStartEquity: new Decimal('98544.12'),
      shortingEnabled: true,
    });
  });

  it('says a cash account (shorting_enabled false) cannot short', async () => {
    const account = { ...(loadFixture('alpaca', 'account') as Record<string, unknown>), shorting_enabled: false };
    nock(PAPER).get('/v2/account').reply(200, account);
    const { shortingEnabled } = await createBroker().getAccount();
    expect(shortingEnabled, 'the position_available gate then refuses sells beyond the position').toBe(false);
  });

  it('reports a 401 on a read as VenueAuthError', async () => {
    nock(PAPER).get('/v2/account').reply(401, loadFixture('alpaca', 'error-unauthorized'));
    await expect(createBroker().getAccount(), 'bad keys').rejects.toBeInstanceOf(VenueAuthError);
  });
});

describe('Alpaca market rules', () => {
  it('gives a fractionable equity nano-share steps, a $1 minimum and the cent tick above $1', async () => {
    nock(PAPER).get('/v2/assets/AAPL').reply(200, loadFixture('alpaca', 'asset-aapl'));
    latestTrade('AAPL').reply(200, loadFixture('alpaca', 'latest-trade-aapl'));
    await expect(createBroker().getMarketRules('AAPL'), 'fractional trading rules').resolves.toEqual({
      quantityIncrement: new Decimal('0.000000001'),
      priceIncrement: new Decimal('0.01'),
      minQuantity: new Decimal('0.000000001'),
      minNotional: new Decimal(1),
    });
  });

  it('gives a non-fractionable stock under $1 whole shares and the sub-penny tick', async () => {
    nock(PAPER).get('/v2/assets/SNDL').reply(200, loadFixture('alpaca', 'asset-sndl'));
    latestTrade('SNDL').reply(200, loadFixture('alpaca', 'latest-trade-sndl'));
    await expect(createBroker().getMarketRules('SNDL'), 'Rule 612 below $1').resolves.toEqual({
      quantityIncrement: new Decimal(1),
      priceIncrement: new Decimal('0.0001'),
      minQuantity: new Decimal(1),
      minNotional: undefined,
    });
  });

  it('falls back to the cent tick, valid at any price, when no price is available', async () => {
    nock(PAPER).get('/v2/assets/SNDL').reply(200, loadFixture('alpaca', 'asset-sndl'));
    latestTrade('SNDL').reply(404, { message: 'not found' });
    const rules = await createBroker().getMarketRules('SNDL');
    expect(rules.priceIncrement.toString(), 'no price, no sub-penny').toBe('0.01');
  });

  it('uses the increments an asset states itself (crypto) without asking for a price', async () => {
    nock(PAPER).get('/v2/assets/BTC%2FUSD').reply(200, loadFixture('alpaca', 'asset-btcusd'));
    await expect(createBroker().getMarketRules('BTC/USD'), 'min_order_size, min_trade_increment, price_increment').resolves.toEqual({
      quantityIncrement: new Decimal('0.000000001'),
      priceIncrement: new Decimal(1),
      minQuantity: new Decimal('0.0001'),
      minNotional: undefined,
    });
  });

  it('reports an unknown asset as OrderRejectedError', async () => {
    nock(PAPER).get('/v2/assets/ZZZZQ').reply(404, loadFixture('alpaca', 'error-asset-not-found'));
    await expect(createBroker().getMarketRules('ZZZZQ'), 'nothing to trade').rejects.toBeInstanceOf(OrderRejectedError);
  });
});

describe('Alpaca latestPrice', () => {
  it('returns the latest IEX trade price and its exchange timestamp', async () => {
    latestTrade('AAPL').reply(200, loadFixture('alpaca', 'latest-trade-aapl'));
    await expect(createBroker().latestPrice('AAPL'), 'price and when it traded').resolves.toEqual({
      symbol: 'AAPL',
      price: new Decimal('189.87'),
      observedAt: new Date('2024-05-17T19:59:59.934Z'),
    });
  });

  it('returns undefined for an unknown symbol', async () => {
    latestTrade('ZZZZQ').reply(404, { code: 40410000, message: 'not found' });
    await expect(createBroker().latestPrice('ZZZZQ'), 'an expected negative').resolves.toBeUndefined();
  });

  it('returns undefined when the reply carries no trade', async () => {
    latestTrade('ZZZZQ').reply(200, { symbol: 'ZZZZQ', trade: null });
    await expect(createBroker().latestPrice('ZZZZQ'), 'nothing traded').resolves.toBeUndefined();
  });
});

describe('Alpaca environment', () => {
  it('trades on the live host only when live is true', async () => {
    const live = nock(LIVE).get('/v2/account').reply(200, loadFixture('alpaca', 'account'));
    await createAlpacaBroker({ keyId: 'AK', secretKey: 'secret', live: true }).getAccount();
    expect(live.isDone(), 'api.alpaca.markets').toBe(true);
  });

  it('sends everything to the overriding hosts', async () => {
    const trading = nock('http://alpaca.test').get('/v2/account').reply(200, loadFixture('alpaca', 'account'));
    const data = nock('http://data.test').get('/v2/stocks/AAPL/trades/latest').query(true).reply(200, loadFixture('alpaca', 'latest-trade-aapl'));
    const broker = createAlpacaBroker({ keyId: 'AK', secretKey: 's', live: true, baseUrl: 'http://alpaca.test/', dataBaseUrl: 'http://data.test' });
    await broker.getAccount();
    await broker.latestPrice('AAPL');
    expect(trading.isDone() && data.isDone(), 'both hosts rewritten').toBe(true);
  });

  it('refuses empty keys instead of falling back to APCA_* environment variables', () => {
    expect(() => createAlpacaBroker({ keyId: '', secretKey: 'secret', live: false }), 'explicit keys only').toThrow(VenueAuthError);
  });
});
