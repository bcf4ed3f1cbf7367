import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal, roundToIncrement } from '../../../src/engine/money/decimal.js';

/** Exact decimals such as prices, quantities and lot sizes: an integer over a power of ten. */
const decimal = (min: number, max: number, maxScale: number) =>
  fc
    .tuple(fc.integer({ min, max }), fc.integer({ min: 0, max: maxScale }))
    .map(([units, scale]) => new Decimal(units).div(new Decimal(10).pow(scale)));

const value = decimal(-1_000_000_000, 1_000_000_000, 10);
const increment = decimal(1, 1_000_000, 8);

describe('roundToIncrement', () => {
  it('always lands on a multiple of the increment', () => {
    fc.assert(
      fc.property(value, increment, fc.constantFrom('down' as const, 'up' as const, 'nearest' as const), (x, step, mode) => {
        expect(roundToIncrement(x, step, mode).div(step).isInteger(), `${x} to ${step} ${mode}`).toBe(true);
      }),
    );
  });

  it("'down' never exceeds the input and loses less than one increment", () => {
    fc.assert(
      fc.property(value, increment, (x, step) => {
        const rounded = roundToIncrement(x, step, 'down');
        expect(rounded.lte(x), 'an order never exceeds what was approved').toBe(true);
        expect(x.minus(rounded).lt(step), 'the largest such multiple').toBe(true);
      }),
    );
  });

  it("'up' never falls below the input and adds less than one increment", () => {
    fc.assert(
      fc.property(value, increment, (x, step) => {
        const rounded = roundToIncrement(x, step, 'up');
        expect(rounded.gte(x), 'at least the input').toBe(true);
        expect(rounded.minus(x).lt(step), 'the smallest such multiple').toBe(true);
      }),
    );
  });

  it("'nearest' is within half an increment", () => {
    fc.assert(
      fc.property(value, increment, (x, step) => {
        expect(roundToIncrement(x, step, 'nearest').minus(x).abs().lte(step.div(2)), `${x} to ${step}`).toBe(true);
      }),
    );
  });

  it('keeps exact decimals where binary floats would drift', () => {
    expect(roundToIncrement('0.0153692', '0.00001', 'down').toFixed(), 'a crypto lot').toBe('0.01536');
    expect(roundToIncrement(0.1 + 0.2, '0.01', 'nearest').toFixed(), 'float noise disappears').toBe('0.3');
    expect(roundToIncrement('2.675', '0.01', 'nearest').toFixed(), 'half rounds up, unlike 2.675.toFixed(2)').toBe('2.68');
  });

  it('refuses an increment that is zero or negative', () => {
    expect(() => roundToIncrement('1', '0', 'down'), 'a zero tick is a configuration bug').toThrow(RangeError);
    expect(() => roundToIncrement('1', '-0.01', 'down'), 'so is a negative one').toThrow(RangeError);
  });
});
