import { describe, expect, it } from 'vitest';
import { maxDailyLossGate } from '../../../src/engine/gates/max-daily-loss-gate.js';
import { toDecimal } from '../../../src/engine/money/decimal.js';
import { makeGateInput, makePosition } from './gate-fixtures.js';

const withEquity = (equity: string) => ({ equity: toDecimal(equity), dayStartEquity: toDecimal('100000') });

describe('max_daily_loss gate', () => {
  it('passes a loss smaller than the limit', () => {
    const verdict = maxDailyLossGate.check(makeGateInput({ state: withEquity('97000.01') }));
    expect(verdict.outcome, 'down 2.99999% against a 3% limit').toBe('pass');
  });

  it('blocks a buy once the loss reaches the limit', () => {
    const verdict = maxDailyLossGate.check(makeGateInput({ state: withEquity('97000') }));
    expect(verdict, 'exactly -3% is at the limit').toEqual({
      gate: 'max_daily_loss',
      outcome: 'block',
      reason: 'the account is down 3% today (limit 3%)',
      details: { equity: '97000.00', dayStartEquity: '100000.00', limitPct: '3', changePct: '-3' },
    });
  });

  it('shows a loss just past the limit as more than the limit', () => {
    const verdict = maxDailyLossGate.check(makeGateInput({ state: withEquity('96999.99') }));
    expect(verdict.outcome === 'block' && verdict.reason, 'rounded away from zero').toBe('the account is down 3.01% today (limit 3%)');
  });

  it('passes a sell that reduces a long position', () => {
    const state = { ...withEquity('90000'), positions: [makePosition('AAPL', '50', '5000')] };
    const verdict = maxDailyLossGate.check(makeGateInput({ proposal: { side: 'sell' }, state }));
    expect(verdict.outcome, 'exits stay allowed on a bad day').toBe('pass');
  });

  it('blocks a sell that opens a short', () => {
    const verdict = maxDailyLossGate.check(makeGateInput({ proposal: { side: 'sell' }, state: withEquity('90000') }));
    expect(verdict.outcome, 'a new short is new risk').toBe('block');
  });

  it('passes when there is no positive day-start equity to compare with', () => {
    const verdict = maxDailyLossGate.check(makeGateInput({ state: { equity: toDecimal('0'), dayStartEquity: toDecimal('0') } }));
    expect(verdict.outcome, 'no percentage can be computed; the size gate handles empty accounts').toBe('pass');
  });
});
