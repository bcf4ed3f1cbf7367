import { describe, expect, it } from 'vitest';
import type { CalibrationTable } from '../../../src/engine/calibration/calibration-table.js';
import { calibrateStrategy, UNCALIBRATED_CONFIDENCE } from '../../../src/engine/strategies/calibrate-strategy.js';
import { createDcaStrategy } from '../../../src/engine/strategies/dca-strategy.js';
import { barsFromCloses, makeInput, sharpDip } from './bar-fixtures.js';

const TABLE: CalibrationTable = {
  label: 'test table',
  source: 'test',
  computedAt: '2026-01-01T00:00:00.000Z',
  groups: [{ strategy: 'dca', side: 'buy', timeframe: '1h', horizonBars: 20, buckets: [
    { from: 0.4, to: 0.6, signals: 1_000, right: 520, confidence: 0.52 },
    { from: 0.65, to: 1, signals: 400, right: 280, confidence: 0.69 },
  ] }],
};
const dip = makeInput(barsFromCloses(sharpDip()));

describe('calibrateStrategy', () => {
  it("takes the confidence from the bucket of the signal's score, and says where it comes from", () => {
    const signal = calibrateStrategy(createDcaStrategy(), TABLE).evaluate(dip);
    expect(signal?.score, 'the raw score: dip and RSI agree, close near the low').toBeCloseTo(0.72, 2);
    expect(signal?.confidence, 'score 0.72 falls in the 0.65–1.00 bucket').toBe(0.69);
    expect(signal?.reasons.at(-1), 'the rationale gives the evidence').toBe(
      'confidence 0.69: 70.0% of 400 earlier dca buys on 1h bars (score 0.65–1.00) closed higher 20 bars later (test table); this one scored 0.72',
    );
  });

  it('gives a score between two buckets the lower one', () => {
    const signal = calibrateStrategy(createDcaStrategy({ dipPercent: 20 }), TABLE).evaluate(dip);
    expect(signal?.score, 'the RSI alone: 0.4 + 0.3 × 0.067').toBeCloseTo(0.42, 2);
    expect(signal?.confidence, 'in the first bucket').toBe(0.52);
  });

  it('calls a signal with no calibration a coin flip, and says so', () => {
    const signal = calibrateStrategy(createDcaStrategy(), TABLE).evaluate({ ...dip, timeframe: '4h' });
    expect(signal?.confidence, 'no 4h dca buys in the table').toBe(UNCALIBRATED_CONFIDENCE);
    expect(signal?.reasons.at(-1), 'not hidden').toBe('confidence 0.5: no earlier dca buys on 4h bars in the calibration (test table), so a coin flip');
  });
});
