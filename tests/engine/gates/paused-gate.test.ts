import { describe, expect, it } from 'vitest';
import { pausedGate } from '../../../src/engine/gates/paused-gate.js';
import { makeGateInput } from './gate-fixtures.js';

describe('paused gate', () => {
  it('passes while trading is not paused', () => {
    expect(pausedGate.check(makeGateInput()).outcome, 'not paused by default').toBe('pass');
  });

  it('blocks while paused and says how to resume', () => {
    const verdict = pausedGate.check(makeGateInput({ controls: { paused: true } }));
    expect(verdict, 'the reason names the command that undoes it').toEqual({
      gate: 'paused',
      outcome: 'block',
      reason: 'trading is paused (/resume to continue)',
      details: { paused: 'true' },
    });
  });
});
