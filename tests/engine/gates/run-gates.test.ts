import { describe, expect, it, vi } from 'vitest';
import type { Gate, GateInput, GateVerdict } from '../../../src/engine/gates/gate.js';
import { runGates } from '../../../src/engine/gates/run-gates.js';
import { MARKET_HOURS, makeGateInput } from './gate-fixtures.js';

function fakeGate(name: string, verdict: 'pass' | 'block'): Gate & { check: ReturnType<typeof vi.fn<(input: GateInput) => GateVerdict>> } {
  const check = vi.fn<(input: GateInput) => GateVerdict>(() =>
    verdict === 'pass' ? { gate: name, outcome: 'pass' } : { gate: name, outcome: 'block', reason: `${name} says no` },
  );
  return { name, check };
}

describe('runGates', () => {
  it('records every verdict and passes when all gates pass', () => {
    const trace = runGates([fakeGate('a', 'pass'), fakeGate('b', 'pass')], makeGateInput());
    expect(trace, 'a full pass has no blocker and nothing skipped').toEqual({
      evaluatedAt: MARKET_HOURS.toISOString(),
      verdicts: [{ gate: 'a', outcome: 'pass' }, { gate: 'b', outcome: 'pass' }],
      notEvaluated: [],
      passed: true,
    });
  });

  it('stops at the first block and names the gates never reached', () => {
    const skipped = fakeGate('c', 'pass');
    const trace = runGates([fakeGate('a', 'pass'), fakeGate('b', 'block'), skipped, fakeGate('d', 'block')], makeGateInput());
    expect(trace, 'the trace shows what passed, what blocked and what was skipped').toEqual({
      evaluatedAt: MARKET_HOURS.toISOString(),
      verdicts: [{ gate: 'a', outcome: 'pass' }, { gate: 'b', outcome: 'block', reason: 'b says no' }],
      blockedBy: 'b',
      notEvaluated: ['c', 'd'],
      passed: false,
    });
    expect(skipped.check, 'later gates are not run').not.toHaveBeenCalled();
  });

  it('hands every gate the same input', () => {
    const gate = fakeGate('a', 'pass');
    const input = makeGateInput();
    runGates([gate], input);
    expect(gate.check, 'gates are functions of the input').toHaveBeenCalledWith(input);
  });

  it('blocks (fails closed) when a gate throws', () => {
    const broken: Gate = { name: 'broken', check: () => { throw new Error('boom'); } };
    const trace = runGates([broken, fakeGate('after', 'pass')], makeGateInput());
    expect(trace.verdicts, 'the error is kept in the trace').toEqual([
      { gate: 'broken', outcome: 'block', reason: 'the broken check failed: boom', details: { error: 'boom' } },
    ]);
    expect(trace.blockedBy, 'a bug never waves a trade through').toBe('broken');
    expect(trace.notEvaluated, 'the rest are skipped as usual').toEqual(['after']);
  });

  it('passes an empty pipeline', () => {
    expect(runGates([], makeGateInput()).passed, 'no gate, no objection').toBe(true);
  });
});
