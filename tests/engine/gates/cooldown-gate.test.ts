import { describe, expect, it } from 'vitest';
import { cooldownGate } from '../../../src/engine/gates/cooldown-gate.js';
import { MARKET_HOURS, makeGateInput, makePosition } from './gate-fixtures.js';

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
      details: { symbol: 'AAPL', side: 'buy', positionValue: '0.00', resultingValue: '1000.00', openOrder: 'true' },
    });
  });

  it('blocks within the cooldown and says when it ends', () => {
    const verdict = cooldownGate.check(makeGateInput({ state: { lastActivity: { AAPL: minutesAgo(10) } } }));
    expect(verdict, '10 minutes into a 15-minute cooldown').toEqual({
      gate: 'cooldown',
      outcome: 'block',
      reason: 'AAPL was approved 10 min ago (cooldown 15 min)',
      details: {
        symbol: 'AAPL',
        side: 'buy',
        positionValue: '0.00',
        resultingValue: '1000.00',
        openOrder: 'false',
        lastActivity: minutesAgo(10),
        cooldownMinutes: '15',
        endsAt: minutesAgo(-5),
      },
    });
  });

  it('passes once the cooldown has fully elapsed', () => {
    const verdict = cooldownGate.check(makeGateInput({ state: { lastActivity: { AAPL: minutesAgo(15) } } }));
    expect(verdict.outcome, 'exactly 15 minutes later the symbol is free again').toBe('pass');
  });

  it('never blocks a trade that reduces or closes the position, even right after buying', () => {
    const justBought = { lastActivity: { AAPL: minutesAgo(3) }, openOrderSymbols: ['AAPL'], positions: [makePosition('AAPL', '10', '1000')] };
    const reduce = cooldownGate.check(makeGateInput({ state: justBought, proposal: { side: 'sell', size: { kind: 'quantity', quantity: '4' } } }));
    expect(reduce.outcome, 'selling 4 of 10 three minutes after buying them is an exit, not piling in').toBe('pass');
    expect(reduce.details, 'the verdict says why it passed').toMatchObject({ reducesPosition: 'true', positionValue: '1000.00', resultingValue: '600.00' });
    const close = cooldownGate.check(makeGateInput({ state: justBought, proposal: { side: 'sell', size: { kind: 'quantity', quantity: '10' } } }));
    expect(close.outcome, 'closing the whole position passes too').toBe('pass');
    const add = cooldownGate.check(makeGateInput({ state: { ...justBought, openOrderSymbols: [] } }));
    expect(add.outcome, 'buying more of it three minutes later still waits').toBe('block');
    const flip = cooldownGate.check(makeGateInput({ state: justBought, proposal: { side: 'sell', size: { kind: 'quantity', quantity: '25' } } }));
    expect(flip.outcome, 'a sell through zero opens a new short: not a reduction').toBe('block');
  });

  it('ignores an unparseable activity timestamp', () => {
    const verdict = cooldownGate.check(makeGateInput({ state: { lastActivity: { AAPL: 'not a date' } } }));
    expect(verdict.outcome, 'no usable record of activity is no activity').toBe('pass');
  });
});
