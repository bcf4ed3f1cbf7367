import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createDcaStrategy, DCA_DEFAULTS } from '../../../src/engine/strategies/dca-strategy.js';
import { barsFromCloses, makeInput, randomBars, randomHolding, sharpDip, sideways, steadyUptrend } from './bar-fixtures.js';

const dca = createDcaStrategy();
const dip = barsFromCloses(sharpDip());
const dipClose = dip.at(-1)?.c ?? Number.NaN;

describe('dca strategy', () => {
  it('documents its defaults', () => {
    expect(DCA_DEFAULTS, 'SMA(50), 3 % dip, RSI(14) < 30, adds 5 % under entry, 3 adds, judged after 20 bars').toEqual({
      maPeriod: 50, dipPercent: 3, rsiPeriod: 14, rsiBelow: 30, trigger: 'either', addBelowEntryPercent: 5, maxAdds: 3, horizonBars: 20,
    });
    expect(dca.minBars, 'the SMA needs the most bars').toBe(50);
  });

  it('buys a sharp dip under the SMA with an oversold RSI, targeting the SMA', () => {
    const signal = dca.evaluate(makeInput(dip));
    expect(signal?.side, 'a dip is a buy').toBe('buy');
    expect(signal?.strength, '13.6 % is well past twice the 3 % threshold').toBe(1);
    expect(signal?.reasons[0], 'the reason names close, distance and SMA').toBe('close 85.48 is 13.6% below SMA(50) 98.94');
    expect(signal?.reasons[1], 'and the RSI').toMatch(/^RSI\(14\) \d+\.?\d* \(oversold under 30\)$/);
    expect(signal?.target, 'target: back to the SMA').toBeCloseTo(98.9377, 3);
    expect(signal?.stop, 'no stop by default').toBeUndefined();
    // Dip and RSI agree (+0.3); the bar closed near its low (6.7 % of its range). This was
    // the confidence before calibration; it is now the raw score calibration buckets.
    expect(signal?.score, '0.4 + 0.3 + 0.3 × 0.067').toBeCloseTo(0.72, 2);
  });

  it('stays quiet in a steady uptrend and in sideways chop', () => {
    expect(dca.evaluate(makeInput(barsFromCloses(steadyUptrend(120)))), 'no dip to buy').toBeUndefined();
    expect(dca.evaluate(makeInput(barsFromCloses(sideways(120)))), 'chop is not a dip').toBeUndefined();
  });

  it("with trigger 'both', needs the dip and the RSI to agree", () => {
    const both = createDcaStrategy({ trigger: 'both', dipPercent: 20 });
    expect(both.evaluate(makeInput(dip)), 'a 13.6 % dip is not 20 %').toBeUndefined();
    const either = createDcaStrategy({ dipPercent: 20 });
    expect(either.evaluate(makeInput(dip))?.score, 'the RSI alone fires, with a lower score').toBeCloseTo(0.42, 2);
  });

  it('sets a stop only when asked', () => {
    const signal = createDcaStrategy({ stopPercent: 10 }).evaluate(makeInput(dip));
    expect(signal?.stop, '10 % under the entry').toBeCloseTo(dipClose * 0.9, 6);
  });

  it('adds to a position only well under the average entry', () => {
    const add = dca.evaluate(makeInput(dip, { quantity: 1, averagePrice: 100, entries: 1 }));
    expect(add?.reasons, 'the add says how far under the entry').toContain('averaging down: close is 14.5% under the average entry 100.00 (add 1 of 3)');
    expect(dca.evaluate(makeInput(dip, { quantity: 1, averagePrice: 88, entries: 1 })), '2.9 % under the entry is not 5 %').toBeUndefined();
    expect(dca.evaluate(makeInput(dip, { quantity: 1, averagePrice: 80, entries: 1 })), 'never averages up').toBeUndefined();
  });

  it('respects the add cap and never adds blind', () => {
    const holding = { quantity: 1, averagePrice: 100 };
    expect(dca.evaluate(makeInput(dip, { ...holding, entries: 3 })), 'the third add is allowed').toBeDefined();
    expect(dca.evaluate(makeInput(dip, { ...holding, entries: 4 })), 'three adds done: no fourth').toBeUndefined();
    expect(createDcaStrategy({ maxAdds: 0 }).evaluate(makeInput(dip, { ...holding, entries: 1 })), 'a cap of 0 never adds').toBeUndefined();
    expect(dca.evaluate(makeInput(dip, holding)), 'unknown number of buys').toBeUndefined();
    expect(dca.evaluate(makeInput(dip, { quantity: 1, entries: 1 })), 'unknown entry price').toBeUndefined();
  });

  it('never sells, never averages up and never exceeds the cap, on any market', () => {
    fc.assert(
      fc.property(randomBars(50, 160), randomHolding, (bars, holding) => {
        const signal = dca.evaluate(makeInput(bars, holding));
        if (signal === undefined) return;
        expect(signal.side, 'DCA only buys').toBe('buy');
        if (holding.quantity > 0) {
          expect(signal.entry, 'an add is 5 % under the average entry').toBeLessThanOrEqual((holding.averagePrice ?? 0) * 0.95);
          expect(holding.entries ?? Infinity, 'at most 3 adds after the first buy').toBeLessThanOrEqual(3);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('refuses nonsense settings at creation', () => {
    expect(() => createDcaStrategy({ maPeriod: 0 }), 'a zero period').toThrow(/maPeriod/);
    expect(() => createDcaStrategy({ rsiBelow: 60 }), 'oversold above 50').toThrow(/rsiBelow/);
    expect(() => createDcaStrategy({ dipPercent: -1 }), 'a negative dip').toThrow(/dipPercent/);
  });
});
