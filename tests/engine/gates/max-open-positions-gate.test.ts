import { describe, expect, it } from 'vitest';
import { maxOpenPositionsGate } from '../../../src/engine/gates/max-open-positions-gate.js';
import { makeGateInput, makePosition } from './gate-fixtures.js';

const FIVE_OTHERS = ['MSFT', 'NVDA', 'TSLA', 'AMZN', 'META'].map((symbol) => makePosition(symbol, '1', '100'));

describe('max_open_positions gate', () => {
  it('passes a new symbol while below the limit', () => {
    const verdict = maxOpenPositionsGate.check(makeGateInput({ state: { positions: FIVE_OTHERS.slice(0, 4) } }));
    expect(verdict, '4 of 5 held').toEqual({ gate: 'max_open_positions', outcome: 'pass', details: { openPositions: '4', limit: '5', opensNew: 'true' } });
  });

  it('blocks a buy that would open a sixth position', () => {
    const verdict = maxOpenPositionsGate.check(makeGateInput({ state: { positions: FIVE_OTHERS } }));
    expect(verdict, 'the reason names the count, the limit and the symbol').toEqual({
      gate: 'max_open_positions',
      outcome: 'block',
      reason: '5 positions are open (limit 5); AAPL would be a new one',
      details: { openPositions: '5', limit: '5', opensNew: 'true' },
    });
  });

  it('passes a buy that adds to a held symbol at the limit', () => {
    const positions = [...FIVE_OTHERS.slice(0, 4), makePosition('AAPL', '3', '300')];
    expect(maxOpenPositionsGate.check(makeGateInput({ state: { positions } })).outcome, 'no new position is opened').toBe('pass');
  });

  it('passes a sell at the limit', () => {
    const verdict = maxOpenPositionsGate.check(makeGateInput({ proposal: { side: 'sell' }, state: { positions: FIVE_OTHERS } }));
    expect(verdict.outcome, 'selling never adds a position to watch').toBe('pass');
  });

  it('does not count closed (zero-quantity) positions', () => {
    const positions = [...FIVE_OTHERS.slice(0, 4), makePosition('IBM', '0', '0')];
    expect(maxOpenPositionsGate.check(makeGateInput({ state: { positions } })).outcome, 'IBM is flat, so only 4 are open').toBe('pass');
  });
});
