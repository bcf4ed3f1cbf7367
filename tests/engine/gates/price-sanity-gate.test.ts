import { describe, expect, it } from 'vitest';
import { toDecimal } from '../../../src/engine/money/decimal.js';
import { priceSanityGate } from '../../../src/engine/gates/price-sanity-gate.js';
import { makeGateInput } from './gate-fixtures.js';

const limitAt = (limitPrice: string) => makeGateInput({ proposal: { orderType: 'limit', limitPrice } });

describe('price_sanity gate', () => {
  it('passes a market order without looking at prices', () => {
    expect(priceSanityGate.check(makeGateInput()).outcome, 'a market order has no limit to check').toBe('pass');
  });

  it.each(['105', '95', '100.01'])('passes a limit of %s within 5% of 100', (limit) => {
    expect(priceSanityGate.check(limitAt(limit)).outcome, 'inside the band, edges included').toBe('pass');
  });

  it('blocks a limit outside the band, with the deviation', () => {
    expect(priceSanityGate.check(limitAt('1000')), 'an extra zero is caught').toEqual({
      gate: 'price_sanity',
      outcome: 'block',
      reason: 'limit 1,000.00 is 900% from the market price 100.00 (limit 5%)',
      details: { limitPrice: '1000', marketPrice: '100', bandPct: '5', deviationPct: '900' },
    });
  });

  it('compares in decimals, not floats, at the band edge', () => {
    // In floats (1.1 - 1) / 1 * 100 is 10.000000000000009, which would wrongly block.
    const input = makeGateInput({
      proposal: { orderType: 'limit', limitPrice: '1.1' },
      market: { price: toDecimal('1') },
      account: { limitPriceBandPct: 10 },
    });
    expect(priceSanityGate.check(input).outcome, 'a limit exactly 10% away is inside a 10% band').toBe('pass');
  });

  it('blocks a limit order without a limit price', () => {
    const verdict = priceSanityGate.check(makeGateInput({ proposal: { orderType: 'limit' } }));
    expect(verdict.outcome === 'block' && verdict.reason, 'a malformed proposal').toBe('the limit order has no limit price');
  });

  it('blocks a non-positive limit price', () => {
    const verdict = priceSanityGate.check(limitAt('0'));
    expect(verdict.outcome === 'block' && verdict.reason, 'no venue accepts it').toBe('the limit price 0 is not positive');
  });
});
