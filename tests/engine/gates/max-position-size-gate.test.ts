import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maxPositionSizeGate } from '../../../src/engine/gates/max-position-size-gate.js';
import { toDecimal } from '../../../src/engine/money/decimal.js';
import { makeGateInput, makePosition } from './gate-fixtures.js';

const buy = (quantity: string) => ({ side: 'buy' as const, size: { kind: 'quantity' as const, quantity } });
const sell = (quantity: string) => ({ side: 'sell' as const, size: { kind: 'quantity' as const, quantity } });

describe('max_position_size gate', () => {
  it('passes a buy that lands exactly on the percentage limit', () => {
    const verdict = maxPositionSizeGate.check(makeGateInput({ proposal: buy('100') }));
    expect(verdict, '100 × 100 = 10,000 is 10% of 100,000').toEqual({
      gate: 'max_position_size',
      outcome: 'pass',
      details: { positionValue: '10000.00', equity: '100000.00', limitPct: '10', limitNotional: '20000', positionPct: '10' },
    });
  });

  it('adds the existing position to the order', () => {
    const verdict = maxPositionSizeGate.check(makeGateInput({ proposal: buy('34'), state: { positions: [makePosition('AAPL', '90', '9000')] } }));
    expect(verdict, '9,000 held + 3,400 bought = 12.4%').toEqual({
      gate: 'max_position_size',
      outcome: 'block',
      reason: 'AAPL position would be 12.4% of equity (limit 10%)',
      details: { positionValue: '12400.00', equity: '100000.00', limitPct: '10', limitNotional: '20000', positionPct: '12.4' },
    });
  });

  it('blocks a position over the absolute notional limit', () => {
    const verdict = maxPositionSizeGate.check(makeGateInput({ proposal: buy('250'), state: { equity: toDecimal('1000000') } }));
    expect(verdict.outcome === 'block' && verdict.reason, '25,000 is 2.5% of a large account but over 20,000').toBe(
      'AAPL position would be worth 25,000.00 USD (limit 20,000.00 USD)',
    );
  });

  it('uses a notional size as given and shows a hair over the limit as over it', () => {
    const verdict = maxPositionSizeGate.check(makeGateInput({ proposal: { size: { kind: 'notional', notional: '10000.01' } } }));
    expect(verdict.outcome === 'block' && verdict.reason, 'rounded up, never "10% (limit 10%)"').toBe(
      'AAPL position would be 10.01% of equity (limit 10%)',
    );
  });

  it('passes a sell that reduces an oversized long', () => {
    const verdict = maxPositionSizeGate.check(makeGateInput({ proposal: sell('10'), state: { positions: [makePosition('AAPL', '500', '50000')] } }));
    expect(verdict.outcome, 'blocking an exit would add risk, not limit it').toBe('pass');
  });

  it('passes a buy that covers a short', () => {
    const verdict = maxPositionSizeGate.check(makeGateInput({ proposal: buy('100'), state: { positions: [makePosition('AAPL', '-300', '-30000')] } }));
    expect(verdict.outcome, 'covering shrinks the position').toBe('pass');
  });

  it('checks a sell that flips a long into a large short', () => {
    const verdict = maxPositionSizeGate.check(makeGateInput({ proposal: sell('200'), state: { positions: [makePosition('AAPL', '50', '5000')] } }));
    expect(verdict.outcome === 'block' && verdict.reason, 'the resulting 15,000 short is new risk').toBe(
      'AAPL position would be 15% of equity (limit 10%)',
    );
  });

  it('blocks any new position when equity is not positive', () => {
    const verdict = maxPositionSizeGate.check(makeGateInput({ state: { equity: toDecimal('0') } }));
    expect(verdict.outcome === 'block' && verdict.reason, 'nothing fits in an empty account').toBe('equity is 0.00, so no position fits');
  });

  it('always passes a sell no larger than the long it reduces', () => {
    const arbitrary = fc.record({
      held: fc.integer({ min: 1, max: 1_000_000 }),
      soldPart: fc.double({ min: 0, max: 1, noNaN: true }),
      priceCents: fc.integer({ min: 1, max: 10_000_000 }),
    });
    fc.assert(
      fc.property(arbitrary, ({ held, soldPart, priceCents }) => {
        const price = toDecimal(priceCents).div(100);
        const sold = Math.floor(held * soldPart);
        const input = makeGateInput({
          proposal: sell(String(sold)),
          market: { price },
          state: { equity: toDecimal('1000'), positions: [makePosition('AAPL', String(held), price.mul(held).toString())] },
        });
        expect(maxPositionSizeGate.check(input).outcome, `selling ${sold} of ${held} at ${price.toString()}`).toBe('pass');
      }),
    );
  });
});
