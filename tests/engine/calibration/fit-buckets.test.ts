import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fitBuckets } from '../../../src/engine/calibration/fit-buckets.js';

/** `count` signals at `score`, the first `right` of them right. */
function signals(score: number, count: number, right: number) {
  return Array.from({ length: count }, (_, i) => ({ score, right: i < right }));
}

describe('fitBuckets', () => {
  it('keeps a real step: deep dips that were right far more often get their own, higher confidence', () => {
    const buckets = fitBuckets([...signals(0.4, 1000, 600), ...signals(0.8, 400, 300)]);
    expect(buckets.map((b) => [b.from, b.to, b.signals, b.right]), 'two buckets, by score').toEqual([
      [0.4, 0.4, 1000, 600],
      [0.8, 0.8, 400, 300],
    ]);
    expect(buckets.map((b) => b.confidence), 'each the share right, a little towards 0.5').toEqual([0.6, 0.74]);
  });

  it('merges steps the data cannot tell from noise: a score that says nothing gives one bucket', () => {
    const buckets = fitBuckets([...signals(0.4, 500, 250), ...signals(0.6, 500, 262), ...signals(0.8, 500, 255)]);
    expect(buckets.map((b) => [b.from, b.to, b.signals]), '50 %, 52 %, 51 % are one coin flip').toEqual([[0.4, 0.8, 1500]]);
    expect(buckets[0]?.confidence, 'the plain hit rate').toBe(0.51);
  });

  it('pools a higher score that was right less often into its neighbour: confidence never falls as the score rises', () => {
    const buckets = fitBuckets([...signals(0.4, 1000, 700), ...signals(0.9, 1000, 500)]);
    expect(buckets, 'one pooled bucket').toHaveLength(1);
    expect(buckets[0]?.confidence).toBe(0.6);
  });

  it('pulls a small bucket towards a coin flip: 19 signals, 12 right, is not 0.63 of evidence', () => {
    const [bucket] = fitBuckets(signals(0.85, 19, 12));
    expect(bucket?.confidence, '(12 + 10) / (19 + 20)').toBe(0.56);
  });

  it('is monotone, bounded and keeps every signal on random samples (seeded)', () => {
    const sample = fc.array(fc.record({ score: fc.double({ min: 0, max: 1, noNaN: true }), right: fc.boolean() }), { minLength: 1, maxLength: 2000 });
    fc.assert(
      fc.property(sample, (samples) => {
        const buckets = fitBuckets(samples);
        expect(buckets.reduce((n, b) => n + b.signals, 0), 'every signal in one bucket').toBe(samples.length);
        expect(buckets.length, 'readable').toBeLessThanOrEqual(4);
        buckets.forEach((b, i) => {
          expect(b.confidence, 'a probability').toBeGreaterThanOrEqual(0);
          expect(b.confidence, 'a probability').toBeLessThanOrEqual(1);
          const next = buckets[i + 1];
          if (next === undefined) return;
          expect(next.from, 'ordered by score').toBeGreaterThan(b.to);
          expect(next.confidence, 'never falls as the score rises').toBeGreaterThanOrEqual(b.confidence);
        });
      }),
      { seed: 20261203, numRuns: 200 },
    );
  });
});
