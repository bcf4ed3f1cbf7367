import fc from 'fast-check';
import type { Bar, Timeframe } from '../../../src/engine/market/bars.js';
import type { StrategyInput } from '../../../src/engine/strategies/strategy.js';

/** Hourly bars from 2026-01-01T00:00Z; hand-built series, each named after the market it shows. */
export const T0 = Date.UTC(2026, 0, 1);
export const HOUR = 3_600_000;

/** A bar opening at the previous close, with a range 0.2 % beyond its body. */
export function makeBar(index: number, open: number, close: number, overrides: Partial<Bar> = {}): Bar {
  return {
    t: T0 + index * HOUR,
    o: open,
    h: Math.max(open, close) * 1.002,
    l: Math.min(open, close) * 0.998,
    c: close,
    v: 1000,
    ...overrides,
  };
}

export function barsFromCloses(closes: readonly number[], volume = 1000): Bar[] {
  return closes.map((close, i) => makeBar(i, closes[i - 1] ?? close, close, { v: volume }));
}

/** Chop around a level: ±0.5 every other bar, so the RSI sits near 50. */
export function sideways(count: number, level = 100): number[] {
  return Array.from({ length: count }, (_, i) => level + (i % 2 === 0 ? 0.5 : -0.5));
}

/** +0.3 % a bar with a 0.1 % pullback every fourth bar: a steady uptrend. */
export function steadyUptrend(count: number, from = 100): number[] {
  const closes: number[] = [];
  let price = from;
  for (let i = 0; i < count; i++) {
    price *= i % 4 === 3 ? 0.999 : 1.003;
    closes.push(price);
  }
  return closes;
}

/** 100 bars of chop at 100, then six bars down 2.5 % each (close ≈ 85.9). */
export function sharpDip(): number[] {
  const closes = sideways(100);
  let price = 99.5;
  for (let i = 0; i < 6; i++) closes.push((price *= 0.975));
  return closes;
}

/** A 99–101 range for 60 bars, then one bar closing at 104 on `volume`. */
export function breakout(volume: number): Bar[] {
  const bars = barsFromCloses(sideways(60));
  bars.push(makeBar(60, 100.5, 104, { h: 104.3, l: 100.4, v: volume }));
  return bars;
}

/** The same range, then one bar closing at 97, under every low of the range. */
export function breakdown(): Bar[] {
  const bars = barsFromCloses(sideways(60));
  bars.push(makeBar(60, 99.5, 97, { h: 99.6, l: 96.8 }));
  return bars;
}

/** A 20-bar cycle between 95 and 105 for 60 bars, then a last close at `lastClose`. */
export function rangeBound(lastClose: number): Bar[] {
  const closes = Array.from({ length: 60 }, (_, i) => 100 + 5 * Math.sin((2 * Math.PI * i) / 20));
  closes.push(lastClose);
  return barsFromCloses(closes);
}

/** −0.8 a bar with ±0.3 chop, then a last bar 3 under the trend: price riding the lower band. */
export function strongDowntrend(): Bar[] {
  const closes = Array.from({ length: 60 }, (_, i) => 150 - 0.8 * i + (i % 2 === 0 ? 0.3 : -0.3));
  closes.push(150 - 0.8 * 60 - 3);
  return barsFromCloses(closes);
}

export interface Holding {
  readonly quantity: number;
  readonly averagePrice?: number;
  readonly entries?: number;
}

export function makeInput(bars: readonly Bar[], holding: Holding = { quantity: 0 }, timeframe: Timeframe = '1h'): StrategyInput {
  return {
    symbol: 'BTC/USDT',
    timeframe,
    bars,
    positionQuantity: holding.quantity,
    ...(holding.averagePrice === undefined ? {} : { positionAveragePrice: holding.averagePrice }),
    ...(holding.entries === undefined ? {} : { positionEntries: holding.entries }),
  };
}

/**
 * Random walks of plausible bars: calm to wild (±0.5 % to ±6 % a bar), volume 500–2,000.
 * Two in three end on a shock (eight times the usual move, up or down, on 4× volume) so
 * breakouts, breakdowns and band touches show up too.
 */
export function randomBars(minLength: number, maxLength: number): fc.Arbitrary<Bar[]> {
  const step = fc.record({
    move: fc.double({ min: -1, max: 1, noNaN: true }),
    wickUp: fc.double({ min: 0, max: 0.5, noNaN: true }),
    wickDown: fc.double({ min: 0, max: 0.5, noNaN: true }),
    volume: fc.integer({ min: 500, max: 2000 }),
  });
  const volatility = fc.double({ min: 0.005, max: 0.06, noNaN: true });
  const shocks = fc.constantFrom(0, 8, -8);
  return fc.tuple(volatility, fc.array(step, { minLength, maxLength }), shocks).map(([scale, steps, shock]) => {
    let close = 100;
    return steps.map((s, i) => {
      const isShock = shock !== 0 && i === steps.length - 1;
      const open = close;
      close = Math.max(0.01, open * (1 + (isShock ? shock : s.move) * scale));
      const h = Math.max(open, close) * (1 + s.wickUp * scale);
      const l = Math.min(open, close) * (1 - s.wickDown * scale);
      return makeBar(i, open, close, { h, l, v: s.volume * (isShock ? 4 : 1) });
    });
  });
}

export const randomHolding: fc.Arbitrary<Holding> = fc.oneof(
  fc.constant({ quantity: 0 }),
  fc.record({
    quantity: fc.double({ min: 0.001, max: 100, noNaN: true }),
    averagePrice: fc.double({ min: 1, max: 300, noNaN: true }),
    entries: fc.integer({ min: 1, max: 6 }),
  }),
);
