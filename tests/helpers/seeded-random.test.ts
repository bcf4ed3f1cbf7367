import { describe, expect, it } from 'vitest';
import { mulberry32, nextSeed, testSeed } from './seeded-random.js';

describe('seeded randomness for tests', () => {
  it('repeats the same sequence for the same seed, in [0, 1)', () => {
    const draw = (seed: number) => {
      const random = mulberry32(seed);
      return Array.from({ length: 1_000 }, () => random());
    };
    const first = draw(42);
    expect(draw(42), 'a replay sees the same draws').toEqual(first);
    expect(draw(43), 'another seed, other draws').not.toEqual(first);
    expect(first.every((x) => x >= 0 && x < 1), 'every draw in [0, 1)').toBe(true);
    expect(nextSeed(mulberry32(42)), 'a derived seed is a whole 32-bit number').toSatisfy((s: number) => Number.isInteger(s) && s >= 0 && s < 2 ** 32);
  });

  it('takes TEST_SEED when set, and refuses one that is not a 32-bit whole number', () => {
    expect(testSeed({ TEST_SEED: '123' }), 'the replayed seed').toBe(123);
    expect(testSeed({}), 'a fresh one otherwise').toSatisfy((s: number) => Number.isInteger(s) && s >= 0 && s < 2 ** 32);
    expect(() => testSeed({ TEST_SEED: '1.5' }), 'not whole').toThrow(/TEST_SEED must be a whole number/);
    expect(() => testSeed({ TEST_SEED: String(2 ** 32) }), 'too large').toThrow(/TEST_SEED must be a whole number/);
  });
});
