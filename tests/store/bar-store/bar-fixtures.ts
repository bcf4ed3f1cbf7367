import type { Bar, SeriesKey } from '../../../src/engine/market/bars.js';

export const HOUR = 3_600_000;
export const T0 = Date.UTC(2025, 0, 1);
export const BTC_1H: SeriesKey = { venue: 'ccxt:binance', symbol: 'BTC/USDT', timeframe: '1h' };

/** A bar whose every field derives from t, so a read can be checked against the time alone. */
export function makeBar(t: number): Bar {
  const base = 100 + ((t / HOUR) % 97);
  return { t, o: base, h: base + 1.25, l: base - 0.5, c: base + 0.1, v: (t / HOUR) % 13 };
}

export function makeHourlyBars(first: number, count: number): Bar[] {
  return Array.from({ length: count }, (_, i) => makeBar(first + i * HOUR));
}
