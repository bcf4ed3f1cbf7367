import { describe, expect, it } from 'vitest';
import { DEFAULT_SIMULATED_ASSETS, createSimulatedMarket } from '../../../../src/engine/venues/sim/simulated-market.js';

const NOW = new Date('2025-06-02T14:30:00.000Z');
const MINUTE = 60_000;
const clock = () => NOW;

function pricesOver(seed: number, symbol: string, from: Date, count: number, stepMs: number): number[] {
  const market = createSimulatedMarket({ seed, clock });
  return Array.from({ length: count }, (_, i) => market.priceAt(symbol, new Date(from.getTime() + i * stepMs))?.toNumber() ?? NaN);
}

describe('createSimulatedMarket', () => {
  it('knows the default stocks and crypto pairs', () => {
    expect(createSimulatedMarket({ clock }).knownSymbols(), 'the fresh-install universe').toEqual([
      'AAPL',
      'MSFT',
      'NVDA',
      'SPY',
      'TSLA',
      'BTC/USDT',
      'ETH/USDT',
      'SOL/USDT',
    ]);
  });

  it('gives the same price for the same seed, symbol and minute, from any instance', () => {
    const first = createSimulatedMarket({ seed: 7, clock });
    const second = createSimulatedMarket({ seed: 7, clock });
    for (const symbol of first.knownSymbols()) {
      const a = first.priceAt(symbol, NOW);
      expect(a?.eq(second.priceAt(symbol, NOW) ?? -1), `${symbol} is reproducible`).toBe(true);
      const laterInMinute = new Date(NOW.getTime() + 59_999);
      expect(a?.eq(first.priceAt(symbol, laterInMinute) ?? -1), `${symbol} holds for the whole minute`).toBe(true);
    }
  });

  it('pins the default walk, so changing it is a visible decision (it moves every stored bar)', () => {
    const market = createSimulatedMarket({ clock });
    const recorded = {
      AAPL: '195.77', MSFT: '424.51', NVDA: '115.07', SPY: '543.86', TSLA: '248.40',
      'BTC/USDT': '66190.63', 'ETH/USDT': '3349.88', 'SOL/USDT': '122.92',
    };
    const now = Object.fromEntries(market.knownSymbols().map((symbol) => [symbol, market.priceAt(symbol, NOW)?.toFixed(2)]));
    expect(now, 'seed 42 at 2025-06-02T14:30Z, recorded from this implementation').toEqual(recorded);
  });

  it('gives different walks for different seeds and different symbols', () => {
    const a = pricesOver(1, 'BTC/USDT', NOW, 50, MINUTE);
    const b = pricesOver(2, 'BTC/USDT', NOW, 50, MINUTE);
    expect(a, 'another seed is another market').not.toEqual(b);
    const aapl = pricesOver(1, 'AAPL', NOW, 50, MINUTE).map((p) => p / 190);
    const msft = pricesOver(1, 'MSFT', NOW, 50, MINUTE).map((p) => p / 420);
    expect(aapl, 'symbols do not move in lockstep').not.toEqual(msft);
  });

  it('stays plausible for years around now, for many seeds', () => {
    for (const seed of [0, 1, 42, 12_345, -9]) {
      for (const asset of DEFAULT_SIMULATED_ASSETS) {
        const prices = pricesOver(seed, asset.symbol, new Date('2023-01-01T00:00:00Z'), 400, 4 * 86_400_000 + 17 * MINUTE);
        const ratios = prices.map((price) => price / asset.basePrice);
        expect(Math.min(...ratios), `${asset.symbol} seed ${seed} never collapses`).toBeGreaterThan(0.33);
        expect(Math.max(...ratios), `${asset.symbol} seed ${seed} never explodes`).toBeLessThan(3);
      }
    }
  });

  it('moves a little from minute to minute, more for volatile assets, and never sits still', () => {
    const stepSize = (symbol: string) => {
      const prices = pricesOver(42, symbol, NOW, 1_000, MINUTE);
      const steps = prices.slice(1).map((price, i) => Math.abs(Math.log(price / (prices[i] ?? price))));
      return { max: Math.max(...steps), mean: steps.reduce((sum, step) => sum + step, 0) / steps.length, distinct: new Set(prices).size };
    };
    const spy = stepSize('SPY');
    const sol = stepSize('SOL/USDT');
    expect(spy.max, 'no minute jumps by 1 % on an index fund').toBeLessThan(0.01);
    expect(sol.mean, 'SOL is more volatile than SPY').toBeGreaterThan(spy.mean * 3);
    expect(spy.distinct, 'the walk moves').toBeGreaterThan(100);
  });

  it('rounds prices to cents', () => {
    const market = createSimulatedMarket({ clock });
    for (const symbol of market.knownSymbols()) {
      const price = market.priceAt(symbol, NOW);
      expect(price?.decimalPlaces(), `${symbol} is on the 0.01 tick`).toBeLessThanOrEqual(2);
    }
  });

  it('answers latestPrice at the clock, and undefined for an unknown symbol', async () => {
    let now = NOW;
    const market = createSimulatedMarket({ clock: () => now });
    const quote = await market.latestPrice('ETH/USDT');
    expect(quote?.observedAt, 'observed at the injected now').toEqual(NOW);
    expect(quote?.price.eq(market.priceAt('ETH/USDT', NOW) ?? -1), 'the current minute of the walk').toBe(true);
    now = new Date(NOW.getTime() + 3 * 3_600_000);
    expect((await market.latestPrice('ETH/USDT'))?.price.eq(market.priceAt('ETH/USDT', now) ?? -1), 'follows the clock').toBe(true);
    expect(await market.latestPrice('DOGE/USDT'), 'unknown is an expected negative').toBeUndefined();
    expect(market.priceAt('NOPE', NOW), 'priceAt too').toBeUndefined();
  });

  it('works before its epoch and across block boundaries without jumps', () => {
    const market = createSimulatedMarket({ clock });
    const epochBlockEdge = Date.UTC(2024, 0, 1) + 2 ** 16 * MINUTE;
    const before = market.priceAt('SPY', new Date(epochBlockEdge - MINUTE))?.toNumber() ?? NaN;
    const after = market.priceAt('SPY', new Date(epochBlockEdge))?.toNumber() ?? NaN;
    expect(Math.abs(after / before - 1), 'a block edge is an ordinary minute').toBeLessThan(0.01);
    expect(market.priceAt('SPY', new Date('1999-12-31T23:59:00Z'))?.gt(0), 'old dates have prices too').toBe(true);
  });

  it('refuses an invalid seed or date', () => {
    expect(() => createSimulatedMarket({ seed: 1.5, clock }), 'seeds are integers').toThrow(RangeError);
    const market = createSimulatedMarket({ clock });
    expect(() => market.priceAt('AAPL', new Date(Number.NaN)), 'an invalid date is a bug').toThrow(RangeError);
  });
});
