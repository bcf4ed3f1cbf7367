import { RECORD_BYTES_PER_BAR } from './record-size.js';
import type { BackfillPace } from './backfill-pace.js';
import type { BackfillPlan } from './plan-backfill.js';

export interface BackfillEstimate {
  readonly series: number;
  /** Closed bars the calendar expects in what is not stored yet. */
  readonly bars: number;
  readonly bytes: number;
  readonly requests: number;
  readonly seconds: number;
  /** Big enough that a person should say yes first (see CONFIRM_ABOVE). */
  readonly needsConfirmation: boolean;
}

/**
 * Above either figure a backfill asks first. A million bars is about 48 MB on disk and a
 * minute of a fast venue; five minutes is longer than anyone expects a command to run.
 * The README's first session (58,080 bars) and the benchmark's 90 symbols × 3 timeframes
 * × 180 days (about 500,000 bars, under 10 s) start at once.
 */
export const CONFIRM_ABOVE = { bars: 1_000_000, seconds: 300 } as const;

/** Bars, disk and time a plan will take, from the venue's pace. */
export function estimateBackfill(plan: BackfillPlan, pace: BackfillPace): BackfillEstimate {
  const requests = plan.series.reduce((n, s) => n + s.ranges.reduce((m, r) => m + Math.ceil(r.expectedBars / pace.barsPerRequest), 0), 0);
  const byLimit = pace.requestsPerMinute === undefined ? 0 : (requests / pace.requestsPerMinute) * 60;
  const seconds = Math.ceil(Math.max(byLimit, plan.expectedBars / pace.localBarsPerSecond));
  const bars = plan.expectedBars;
  return {
    series: plan.series.length,
    bars,
    bytes: bars * RECORD_BYTES_PER_BAR,
    requests,
    seconds,
    needsConfirmation: bars > CONFIRM_ABOVE.bars || seconds > CONFIRM_ABOVE.seconds,
  };
}
