import { describe, expect, it } from 'vitest';
import { minConfidenceGate } from '../../../src/engine/gates/min-confidence-gate.js';
import { makeGateInput } from './gate-fixtures.js';

describe('min_confidence gate', () => {
  it('passes at exactly the minimum', () => {
    const verdict = minConfidenceGate.check(makeGateInput({ proposal: { confidence: 0.6 }, account: { minConfidence: 0.6 } }));
    expect(verdict.outcome, 'the minimum itself is enough').toBe('pass');
  });

  it('blocks below the minimum and shows both numbers', () => {
    const verdict = minConfidenceGate.check(makeGateInput({ proposal: { confidence: 0.55 }, account: { minConfidence: 0.6 } }));
    expect(verdict, 'the reason and details carry the confidence and the minimum').toEqual({
      gate: 'min_confidence',
      outcome: 'block',
      reason: 'confidence 0.55 is below the minimum 0.6',
      details: { confidence: '0.55', minimum: '0.6' },
    });
  });

  it('blocks a NaN confidence instead of waving it through', () => {
    const verdict = minConfidenceGate.check(makeGateInput({ proposal: { confidence: Number.NaN } }));
    expect(verdict.outcome, 'an unknown confidence is not a high one').toBe('block');
  });
});
