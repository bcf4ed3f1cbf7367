import type { Timeframe } from '../market/bars.js';
import type { Side } from '../proposals/proposal.js';

/**
 * How often earlier signals were right, by strategy, side, timeframe and score bucket: the
 * table that turns a strategy's raw score into a confidence a person can hold it to. A
 * signal was right when the close `horizonBars` bars after it was beyond its entry in its
 * direction (higher after a buy, lower after a sell); see judge-signal.ts.
 */
export interface CalibrationTable {
  /** Short, for a proposal's rationale: `sim seed 42`, `your sim bars`. */
  readonly label: string;
  /** Where the signals came from, for /gates and the README. */
  readonly source: string;
  readonly computedAt: string;
  readonly groups: readonly CalibrationGroup[];
}

export interface CalibrationGroup {
  readonly strategy: string;
  readonly side: Side;
  readonly timeframe: Timeframe;
  readonly horizonBars: number;
  /** Ordered by score; confidence never falls as the score rises. */
  readonly buckets: readonly CalibrationBucket[];
}

export interface CalibrationBucket {
  /** Lowest and highest raw score seen in the bucket. */
  readonly from: number;
  readonly to: number;
  readonly signals: number;
  readonly right: number;
  /** The share right, pulled towards a coin flip when there were few signals. */
  readonly confidence: number;
}

export interface CalibrationMatch {
  readonly group: CalibrationGroup;
  readonly bucket: CalibrationBucket;
}

/**
 * The bucket a score falls in: the last one starting at or under it (scores between two
 * buckets belong to the lower one, under the first to the first). Undefined when the
 * table has no signals of that strategy, side and timeframe.
 */
export function findCalibration(table: CalibrationTable, strategy: string, side: Side, timeframe: Timeframe, score: number): CalibrationMatch | undefined {
  const group = table.groups.find((g) => g.strategy === strategy && g.side === side && g.timeframe === timeframe);
  const first = group?.buckets[0];
  if (group === undefined || first === undefined) return undefined;
  let bucket = first;
  for (const candidate of group.buckets) if (candidate.from <= score) bucket = candidate;
  return { group, bucket };
}

/** The share of a bucket's signals that were right, 0–1. */
export function getHitRate(bucket: Pick<CalibrationBucket, 'signals' | 'right'>): number {
  return bucket.signals === 0 ? 0 : bucket.right / bucket.signals;
}
