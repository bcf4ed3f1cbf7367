import { findCalibration, getHitRate, type CalibrationMatch, type CalibrationTable } from '../calibration/calibration-table.js';
import { formatPercent, formatReading } from './format-level.js';
import type { ScoredSignal, ScoredStrategy, Signal, Strategy, StrategyInput } from './strategy.js';

/** No earlier signals of this kind: nothing says the strategy beats a coin flip. */
export const UNCALIBRATED_CONFIDENCE = 0.5;

/**
 * The strategy with its scores turned into confidences by the table: a signal's
 * confidence is how often earlier signals of its kind were right, and its rationale says
 * so, with the count behind it.
 */
export function calibrateStrategy(strategy: ScoredStrategy, table: CalibrationTable): Strategy {
  return {
    name: strategy.name,
    description: strategy.description,
    minBars: strategy.minBars,
    evaluate(input: StrategyInput): Signal | undefined {
      const signal = strategy.evaluate(input);
      if (signal === undefined) return undefined;
      const match = findCalibration(table, strategy.name, signal.side, input.timeframe, signal.score);
      const confidence = match?.bucket.confidence ?? UNCALIBRATED_CONFIDENCE;
      return { ...signal, confidence, reasons: [...signal.reasons, describeCalibration(strategy, signal, input, table, match)] };
    },
  };
}

function describeCalibration(strategy: ScoredStrategy, signal: ScoredSignal, input: StrategyInput, table: CalibrationTable, match: CalibrationMatch | undefined): string {
  const kind = `${strategy.name} ${signal.side}s on ${input.timeframe} bars`;
  if (match === undefined) return `confidence ${formatReading(UNCALIBRATED_CONFIDENCE)}: no earlier ${kind} in the calibration (${table.label}), so a coin flip`;
  const { group, bucket } = match;
  const moved = signal.side === 'buy' ? 'higher' : 'lower';
  const scores = bucket.from === bucket.to ? `score ${formatScore(bucket.from)}` : `score ${formatScore(bucket.from)}–${formatScore(bucket.to)}`;
  return `confidence ${formatReading(bucket.confidence)}: ${formatPercent(getHitRate(bucket) * 100)} of ${bucket.signals.toLocaleString('en-US')} earlier ${kind} (${scores}) closed ${moved} ${group.horizonBars} bars later (${table.label}); this one scored ${formatScore(signal.score)}`;
}

function formatScore(score: number): string {
  return score.toFixed(2);
}
