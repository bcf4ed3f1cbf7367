import type { ScoredStrategy } from '../strategies/strategy.js';
import { buildCalibration, type CalibrationMeta } from './build-calibration.js';
import type { CalibrationTable } from './calibration-table.js';
import { collectOutcomes, type BarSeries, type SignalOutcome } from './collect-outcomes.js';

export interface CalibrationProgress {
  readonly series: BarSeries;
  readonly signals: number;
}

/**
 * Replays every series through the strategies and fits the table. Series come one at a
 * time (the simulated market or the bar store), so a long history never sits in memory
 * whole; only the judged signals are kept.
 */
export async function calibrateHistory(
  strategies: readonly ScoredStrategy[],
  history: AsyncIterable<BarSeries>,
  meta: CalibrationMeta,
  onSeries?: (progress: CalibrationProgress) => void,
): Promise<CalibrationTable> {
  const outcomes: SignalOutcome[] = [];
  for await (const series of history) {
    const found = collectOutcomes(strategies, series);
    for (const outcome of found) outcomes.push(outcome);
    onSeries?.({ series, signals: found.length });
  }
  return buildCalibration(outcomes, meta);
}
