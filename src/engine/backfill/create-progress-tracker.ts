import type { BackfillPlan, SeriesPlan } from './plan-backfill.js';
import type { BackfillProgress } from './run-backfill.js';

export interface ProgressTrackerInput {
  readonly plan: BackfillPlan;
  /** Bars this job stored in earlier runs (before a restart): counted as done. */
  readonly earlierBars: number;
  readonly clock: () => Date;
  readonly onProgress?: (progress: BackfillProgress) => void;
}

/**
 * Progress by the time covered, weighted by the bars each series expects: a ten-year
 * series of one-minute bars moves the bar page by page instead of sitting at 0 % until it
 * ends, and the ETA follows from the pace so far as soon as one page is in.
 */
export function createProgressTracker(input: ProgressTrackerInput) {
  const { plan } = input;
  const started = input.clock().getTime();
  const covered = plan.series.map(() => 0);
  let seriesDone = 0;
  let barsStored = input.earlierBars;
  let current: string | undefined;

  const emit = () => {
    const elapsedMs = input.clock().getTime() - started;
    const done = covered.reduce((a, b) => a + b, 0);
    const total = plan.expectedBars;
    const finished = seriesDone === plan.series.length;
    const share = finished || input.earlierBars + total === 0 ? 1 : Math.min(1, (input.earlierBars + done) / (input.earlierBars + total));
    const etaMs = finished ? 0 : done > 0 ? Math.round((elapsedMs * Math.max(0, total - done)) / done) : undefined;
    input.onProgress?.({ seriesTotal: plan.series.length, seriesDone, barsStored, share, current, elapsedMs, etaMs });
  };

  return {
    emit,
    startSeries(series: SeriesPlan) {
      current = `${series.symbol} ${series.timeframe}`;
    },
    /** A page was stored: `upTo` is the end of the time it covers within range `rangeIndex`. */
    stored(seriesIndex: number, rangeIndex: number, upTo: number, bars: number) {
      barsStored += bars;
      covered[seriesIndex] = coveredUpTo(plan.series[seriesIndex] as SeriesPlan, rangeIndex, upTo);
      emit();
    },
    finishSeries(seriesIndex: number) {
      covered[seriesIndex] = (plan.series[seriesIndex] as SeriesPlan).expectedBars;
      seriesDone += 1;
      emit();
    },
    barsStored: () => barsStored,
  };
}

function coveredUpTo(series: SeriesPlan, rangeIndex: number, upTo: number): number {
  let sum = 0;
  for (let i = 0; i < rangeIndex; i += 1) sum += series.ranges[i]?.expectedBars ?? 0;
  const range = series.ranges[rangeIndex];
  if (range === undefined) return sum;
  const part = Math.min(1, Math.max(0, (upTo - range.from) / (range.to - range.from)));
  return sum + range.expectedBars * part;
}
