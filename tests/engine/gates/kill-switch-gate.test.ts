import { describe, expect, it } from 'vitest';
import { killSwitchGate } from '../../../src/engine/gates/kill-switch-gate.js';
import { makeGateInput } from './gate-fixtures.js';

describe('kill_switch gate', () => {
  it('passes while trading is not halted', () => {
    expect(killSwitchGate.check(makeGateInput()).outcome, 'the kill switch is off by default').toBe('pass');
  });

  it('blocks while halted, even when not paused', () => {
    const verdict = killSwitchGate.check(makeGateInput({ controls: { halted: true, paused: false } }));
    expect(verdict, 'the person sees why nothing trades').toEqual({ gate: 'kill_switch', outcome: 'block', reason: 'trading is halted (kill switch)', details: { halted: 'true' } });
  });
});
