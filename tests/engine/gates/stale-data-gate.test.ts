import { describe, expect, it } from 'vitest';
import { toDecimal } from '../../../src/engine/money/decimal.js';
import { staleDataGate } from '../../../src/engine/gates/stale-data-gate.js';
import { MARKET_HOURS, makeGateInput } from './gate-fixtures.js';

const secondsBefore = (seconds: number): Date => new Date(MARKET_HOURS.getTime() - seconds * 1000);

describe('stale_market_data gate', () => {
  it('passes a price exactly at the age limit', () => {
    const verdict = staleDataGate.check(makeGateInput({ market: { observedAt: secondsBefore(60) } }));
    expect(verdict.outcome, '60 s old with a 60 s limit is still fresh').toBe('pass');
  });

  it('blocks an old price and shows its age', () => {
    const verdict = staleDataGate.check(makeGateInput({ market: { observedAt: secondsBefore(95) } }));
    expect(verdict, 'the reason names the age and the limit').toEqual({
      gate: 'stale_market_data',
      outcome: 'block',
      reason: 'the price of AAPL is 95 s old (limit 60 s)',
      details: { price: '100', observedAt: secondsBefore(95).toISOString(), ageSeconds: '95.0', maxAgeSeconds: '60' },
    });
  });

  it.each(['0', '-1'])('blocks a price of %s', (price) => {
    const verdict = staleDataGate.check(makeGateInput({ market: { price: toDecimal(price) } }));
    expect(verdict.outcome === 'block' && verdict.reason, 'a non-positive price is a broken feed').toBe(`the price of AAPL is not positive (${price})`);
  });

  it('blocks an invalid observation time', () => {
    const verdict = staleDataGate.check(makeGateInput({ market: { observedAt: new Date(Number.NaN) } }));
    expect(verdict.outcome, 'an unknown age is not a fresh one').toBe('block');
  });

  it('blocks a price for another symbol', () => {
    const verdict = staleDataGate.check(makeGateInput({ market: { symbol: 'MSFT' } }));
    expect(verdict.outcome === 'block' && verdict.reason, 'sizing with the wrong price is worse than no trade').toBe('the price is for MSFT, not AAPL');
  });
});
