import { createCcxtExchange } from '../../../../src/engine/venues/ccxt/ccxt-exchange.js';
import { localOnlyFetch, startFakeBinance, type FakeBinance, type FakeReply, type RecordedRequest } from './fake-binance.js';

export const KLINES_PATH = '/api/v3/klines';

const INTERVAL_MS: Readonly<Record<string, number>> = {
  '1m': 60_000,
  '5m': 300_000,
  '15m': 900_000,
  '1h': 3_600_000,
  '4h': 14_400_000,
  '1d': 86_400_000,
};

/**
 * GET /api/v3/klines as Binance answers it (https://developers.binance.com/docs/binance-spot-api-docs/rest-api/market-data-endpoints#klinecandlestick-data):
 * klines opening at or after `startTime`, at most `limit` (default 500, max 1000), up to
 * the one still forming at `nowMs` — which Binance includes. Prices are a deterministic
 * zig-zag so every kline is a sound bar.
 */
export function answerKlines(request: RecordedRequest, nowMs: number): FakeReply {
  const interval = INTERVAL_MS[request.params.get('interval') ?? ''];
  if (interval === undefined) return { status: 400, body: { code: -1120, msg: 'Invalid interval.' } };
  const limit = Math.min(Number(request.params.get('limit') ?? 500), 1_000);
  const startTime = request.params.get('startTime');
  const first = startTime === null ? Math.floor(nowMs / interval - limit + 1) * interval : Math.ceil(Number(startTime) / interval) * interval;
  const klines: unknown[] = [];
  for (let t = first; t <= nowMs && klines.length < limit; t += interval) klines.push(makeKline(t, interval));
  return { body: klines };
}

/** One kline row: [openTime, "o", "h", "l", "c", "v", closeTime, quote volume, trades, taker base, taker quote, "0"]. */
export function makeKline(openTime: number, interval: number): unknown[] {
  const step = Math.floor(openTime / interval);
  const open = 90_000 + (step % 40) * 10;
  const close = open + (step % 2 === 0 ? 7.5 : -7.5);
  const volume = 1 + (step % 13) / 4;
  const price = (value: number) => value.toFixed(8);
  return [openTime, price(open), price(Math.max(open, close) + 3), price(Math.min(open, close) - 3), price(close), price(volume), openTime + interval - 1, price(volume * close), 100 + (step % 50), price(volume / 2), price((volume * close) / 2), '0'];
}

/** The fake Binance from the client tests, also serving generated klines up to `nowMs`. */
export async function startFakeKlines(nowMs: number): Promise<FakeBinance> {
  const fake = await startFakeBinance();
  fake.on('GET', KLINES_PATH, (request) => answerKlines(request, nowMs));
  return fake;
}

/** A Binance ccxt instance that can only reach the fake. */
export function createFakeBinanceExchange(fake: FakeBinance, timeoutMs = 2_000) {
  return createCcxtExchange({
    exchangeId: 'binance',
    apiKey: '',
    secret: '',
    sandbox: false,
    urlsOverride: fake.url,
    fetchImplementation: localOnlyFetch,
    timeoutMs,
  });
}

/** The klines requests the fake saw, as (startTime, limit) pairs. */
export function getKlineCalls(fake: FakeBinance): { startTime: number; limit: number }[] {
  return fake.requests
    .filter((request) => request.path === KLINES_PATH)
    .map((request) => ({ startTime: Number(request.params.get('startTime')), limit: Number(request.params.get('limit')) }));
}
