import type { CalibrationBucket } from './calibration-table.js';

export interface FitOptions {
  /** A bucket needs this many signals; smaller ones join a neighbour. */
  readonly minSignals: number;
  /** At most this many buckets per group, so the table stays readable. */
  readonly maxBuckets: number;
  /**
   * Neighbours stay apart only when their hit rates differ by this many standard errors.
   * Signals on consecutive bars overlap (a dip lasts several bars), so the counts overstate
   * the evidence: 3 rather than the textbook 2.
   */
  readonly minSeparation: number;
  /** Pseudo-signals of a coin flip mixed into every bucket: few signals, little confidence either way. */
  readonly priorSignals: number;
}

export const FIT_DEFAULTS: FitOptions = { minSignals: 150, maxBuckets: 4, minSeparation: 3, priorSignals: 20 };

interface Block {
  from: number;
  to: number;
  signals: number;
  right: number;
}

/**
 * Isotonic calibration (pool adjacent violators) of scored, judged signals: buckets of
 * adjacent scores whose confidence never falls as the score rises. A score that does not
 * sort signals by how often they are right ends up as one bucket — the strategy's score
 * then says nothing, and its confidence is the plain hit rate of all its signals. Steps
 * the data cannot tell apart from noise are merged, so every step in the table is real.
 */
export function fitBuckets(samples: readonly { readonly score: number; readonly right: boolean }[], options: FitOptions = FIT_DEFAULTS): CalibrationBucket[] {
  if (samples.length === 0) return [];
  const confidence = (b: Block) => (b.right + options.priorSignals / 2) / (b.signals + options.priorSignals);
  let blocks = poolViolators(groupByScore(samples), (b) => b.right / b.signals);
  blocks = mergeSmall(blocks, options.minSignals);
  // The prior pulls small buckets further towards 0.5 than large ones, which can undo the order.
  blocks = poolViolators(blocks, confidence);
  while (blocks.length > 1) {
    const weakest = findWeakestStep(blocks);
    if (blocks.length <= options.maxBuckets && weakest.separation >= options.minSeparation) break;
    blocks.splice(weakest.index, 2, join(blocks[weakest.index] as Block, blocks[weakest.index + 1] as Block));
  }
  return blocks.map((b) => ({ from: b.from, to: b.to, signals: b.signals, right: b.right, confidence: Math.round(confidence(b) * 100) / 100 }));
}

function groupByScore(samples: readonly { readonly score: number; readonly right: boolean }[]): Block[] {
  const sorted = [...samples].sort((a, b) => a.score - b.score);
  const blocks: Block[] = [];
  for (const sample of sorted) {
    const last = blocks[blocks.length - 1];
    if (last !== undefined && last.to === sample.score) {
      last.signals++;
      last.right += sample.right ? 1 : 0;
    } else {
      blocks.push({ from: sample.score, to: sample.score, signals: 1, right: sample.right ? 1 : 0 });
    }
  }
  return blocks;
}

function join(a: Block, b: Block): Block {
  return { from: Math.min(a.from, b.from), to: Math.max(a.to, b.to), signals: a.signals + b.signals, right: a.right + b.right };
}

/** Merges neighbours until `rate` never falls from one block to the next. */
function poolViolators(blocks: readonly Block[], rate: (b: Block) => number): Block[] {
  const stack: Block[] = [];
  for (const block of blocks) {
    let current = block;
    let previous = stack[stack.length - 1];
    while (previous !== undefined && rate(previous) >= rate(current)) {
      stack.pop();
      current = join(previous, current);
      previous = stack[stack.length - 1];
    }
    stack.push(current);
  }
  return stack;
}

/** Joins each too-small block to the neighbour with the nearer hit rate (order is kept). */
function mergeSmall(blocks: readonly Block[], minSignals: number): Block[] {
  const result = [...blocks];
  for (;;) {
    const index = result.findIndex((b) => b.signals < minSignals);
    if (index === -1 || result.length === 1) return result;
    mergeAt(result, index, (b) => b.right / b.signals);
  }
}

/** The step between neighbours with the least evidence: their hit rates' difference in standard errors. */
function findWeakestStep(blocks: readonly Block[]): { index: number; separation: number } {
  let weakest = { index: 0, separation: Number.POSITIVE_INFINITY };
  for (let i = 0; i + 1 < blocks.length; i++) {
    const separation = separate(blocks[i] as Block, blocks[i + 1] as Block);
    if (separation < weakest.separation) weakest = { index: i, separation };
  }
  return weakest;
}

/** Two-proportion z statistic of the hit rates (0 when both are all right or all wrong). */
function separate(a: Block, b: Block): number {
  const pooled = (a.right + b.right) / (a.signals + b.signals);
  const error = Math.sqrt(pooled * (1 - pooled) * (1 / a.signals + 1 / b.signals));
  return error === 0 ? 0 : Math.abs(b.right / b.signals - a.right / a.signals) / error;
}

function mergeAt(blocks: Block[], index: number, rate: (b: Block) => number): void {
  const block = blocks[index] as Block;
  const left = blocks[index - 1];
  const right = blocks[index + 1];
  const useLeft = right === undefined || (left !== undefined && Math.abs(rate(block) - rate(left)) <= Math.abs(rate(right) - rate(block)));
  if (useLeft && left !== undefined) blocks.splice(index - 1, 2, join(left, block));
  else if (right !== undefined) blocks.splice(index, 2, join(block, right));
}
