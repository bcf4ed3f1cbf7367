import { randomInt } from 'node:crypto';

const MAX_SEED = 2 ** 32 - 1;

/**
 * mulberry32: a small 32-bit generator, good enough to pick kill points and sizes. The
 * same seed gives the same sequence, so a failing run can be replayed.
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/** The seed of this run: TEST_SEED when set (to replay a failure), else a fresh one. */
export function testSeed(env: NodeJS.ProcessEnv = process.env): number {
  const given = env.TEST_SEED;
  if (given === undefined || given === '') return randomInt(MAX_SEED + 1);
  const seed = Number(given);
  if (!Number.isInteger(seed) || seed < 0 || seed > MAX_SEED) throw new Error(`TEST_SEED must be a whole number from 0 to ${MAX_SEED} (got "${given}")`);
  return seed;
}

/** A seed for something else (a child process) drawn from a generator. */
export const nextSeed = (random: () => number): number => Math.floor(random() * (MAX_SEED + 1));
