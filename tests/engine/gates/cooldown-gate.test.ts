import { describe, expect, it } from 'vitest';
import { cooldownGate } from '../../../src/engine/gates/cooldown-gate.js';
import { MARKET_HOURS, makeGateInput } from './gate-fixtures.js';

const minutesAgo = (minutes: number): string => new Date(MARKET_HOURS.getTime() - minutes * 60_000).toISOString();

describe('cooldown gate', () => {
  it('passes a symbol with no open order and no recent approval', () => {
    const verdict = cooldownGate.check(makeGateInput({ state: { lastActivity: { MSFT: minutesAgo(1) }, openOrderSymbols: ['MSFT'] } }));
    expect(verdict.outcome, 'activity on another symbol does not count').toBe('pass');
  });

  it('blocks while an order for the symbol is still open', () => {
    const verdict = cooldownGate.check(makeGateInput({ state: { openOrderSymbols: ['AAPL'] } }));
    expect(verdict, 'a duplicate while the first order works').toEqual({
      gate: 'cooldown',
      outcome: 'block',
      reason: 'an order for AAPL is still open',
      details: { symbol: 'AAPL' },
    });
  });

  it('blocks within the cooldown and says when it ends', () => {
    const verdict = cooldownGate.check(makeGateInput({ state: { lastActivity: { AAPL: minutesAgo(10) } } }));
    expect(verdict, '10 minutes into a 15-minute cooldown').toEqual({
      gate: 'cooldown',
      outcome: 'block',
      reason: 'AAPL was approved 10 min ago (cooldown 15 min)',
      details: { symbol: 'AAPL', lastActivity: minutesAgo(10), cooldownMinutes: '15', endsAt: minutesAgo(-5) },
    });
  });

  it('passes once the cooldown has fully elapsed', () => {
    const verdict = cooldownGate.check(makeGateInput({ state: { lastActivity: { AAPL: minutesAgo(15) } } }));
    expect(verdict.outcome, 'exactly 15 minutes later the symbol is free again').toBe('pass');
  });

  it('ignores an unparseable activity timestamp', () => {
    const verdict = cooldownGate.check(makeGateInput({ state: { lastActivity: { AAPL: 'not a date' } } }));
    expect(verdict.outcome, 'no usable record of activity is no activity').toBe('pass');
  });
});
