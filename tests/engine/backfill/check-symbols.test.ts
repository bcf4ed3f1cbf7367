import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createSymbolCheck, describeUnknownSymbols } from '../../../src/engine/backfill/check-symbols.js';
import { createAlpacaBroker } from '../../../src/engine/venues/alpaca/alpaca-broker.js';
import { VenueUnavailableError } from '../../../src/errors.js';
import { loadFixture } from '../venues/load-fixture.js';

const DATA = 'https://data.alpaca.markets';
const latestTrade = (symbol: string) => nock(DATA).get(`/v2/stocks/${symbol}/trades/latest`).query({ feed: 'iex' });

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

/** The real Alpaca broker asked for prices, counting how many questions are out at once. */
function createAlpacaCheck() {
  const broker = createAlpacaBroker({ keyId: 'PKTEST', secretKey: 'secret', live: false });
  let inFlight = 0;
  let most = 0;
  const check = createSymbolCheck({
    listOf: () => undefined,
    priceOf: async (_venue, symbol) => {
      most = Math.max(most, ++inFlight);
      try {
        return await broker.latestPrice(symbol);
      } finally {
        inFlight--;
      }
    },
  });
  return { check, most: () => most };
}

describe('checking backfill symbols at a venue without a list', () => {
  it('asks Alpaca for a price of each symbol at once and names the ones it has none for', async () => {
    latestTrade('AAPL').delay(50).reply(200, loadFixture('alpaca', 'latest-trade-aapl'));
    latestTrade('MSFT').delay(50).reply(200, { ...loadFixture<object>('alpaca', 'latest-trade-aapl'), symbol: 'MSFT' });
    latestTrade('ZZZZQ').delay(50).reply(404, { code: 40410000, message: 'not found' });
    const { check, most } = createAlpacaCheck();
    const found = await check('alpaca', ['AAPL', 'ZZZZQ', 'MSFT']);
    expect(found, 'only the symbol without a price').toEqual({ unknown: ['ZZZZQ'] });
    expect(most(), 'all three asked together, not one after another (a watchlist of 90 would keep the chat waiting)').toBe(3);
    expect(describeUnknownSymbols('alpaca', found), 'how to write them instead').toBe(
      '"ZZZZQ" is not a symbol on alpaca (it has no price for it). Write symbols as alpaca does, e.g. AAPL, BRK.B; /watch lists yours',
    );
  });

  it('lets every symbol pass when the venue cannot be asked: the backfill itself says what went wrong', async () => {
    const check = createSymbolCheck({
      listOf: () => undefined,
      priceOf: async () => {
        throw new VenueUnavailableError('ccxt:binance', 'HTTP 503');
      },
    });
    expect(await check('ccxt:binance', ['BTC/USDT', 'NOPE/USDT']), 'an outage proves nothing about the symbols').toEqual({ unknown: [] });
  });

  it('checks against the list of a venue that has one, without asking for prices', async () => {
    const check = createSymbolCheck({
      listOf: () => ['BTC/USDT', 'ETH/USDT'],
      priceOf: () => Promise.reject(new Error('not to be asked')),
    });
    const found = await check('sim', ['ETH/USDT', 'FOO', 'BAR/USDT']);
    expect(describeUnknownSymbols('sim', found), 'both named, and the valid ones listed').toBe('"FOO", "BAR/USDT" are not symbols on sim. Known there: BTC/USDT, ETH/USDT');
  });
});
