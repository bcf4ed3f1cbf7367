import { TIMEFRAMES } from '../market/bars.js';
import type { CalibrationGroup, CalibrationTable } from './calibration-table.js';
import type { SignalOutcome } from './collect-outcomes.js';
import { fitBuckets, FIT_DEFAULTS, type FitOptions } from './fit-buckets.js';

export interface CalibrationMeta {
  readonly label: string;
  readonly source: string;
  readonly computedAt: Date;
}

/** One group per strategy, side and timeframe, each fitted on its own signals. */
export function buildCalibration(outcomes: Iterable<SignalOutcome>, meta: CalibrationMeta, options: FitOptions = FIT_DEFAULTS): CalibrationTable {
  const byGroup = new Map<string, SignalOutcome[]>();
  for (const outcome of outcomes) {
    const key = `${outcome.strategy}|${outcome.side}|${outcome.timeframe}|${outcome.horizonBars}`;
    const list = byGroup.get(key);
    if (list === undefined) byGroup.set(key, [outcome]);
    else list.push(outcome);
  }
  const groups: CalibrationGroup[] = [];
  for (const list of byGroup.values()) {
    const { strategy, side, timeframe, horizonBars } = list[0] as SignalOutcome;
    groups.push({ strategy, side, timeframe, horizonBars, buckets: fitBuckets(list, options) });
  }
  groups.sort(compareGroups);
  return { label: meta.label, source: meta.source, computedAt: meta.computedAt.toISOString(), groups };
}

/** Strategy, then buys before sells, then the shorter timeframe first. */
export function compareGroups(a: CalibrationGroup, b: CalibrationGroup): number {
  if (a.strategy !== b.strategy) return a.strategy < b.strategy ? -1 : 1;
  if (a.side !== b.side) return a.side === 'buy' ? -1 : 1;
  return TIMEFRAMES.indexOf(a.timeframe) - TIMEFRAMES.indexOf(b.timeframe);
}
