import { getHitRate, type CalibrationBucket, type CalibrationGroup, type CalibrationTable } from '../../engine/calibration/calibration-table.js';
import type { Timeframe } from '../../engine/market/bars.js';
import { html, joinHtml, type SafeHtml } from './html.js';

export interface CalibrationView {
  /** Only the strategies a scan runs and the timeframes it covers: the rest never reach a gate. */
  readonly strategies: readonly string[];
  readonly scanTimeframes: readonly Timeframe[];
}

/**
 * What a strategy's confidence means, for /gates beside what blocks trading: per strategy,
 * side and timeframe, each score bucket with its signals and the share that were right.
 * A bucket's confidence is that share (pulled towards 0.5 when it holds few signals), and
 * it is what `min_confidence` compares with the account's minimum.
 */
export function calibrationMessage(table: CalibrationTable, view: CalibrationView): SafeHtml {
  const groups = table.groups.filter((g) => view.strategies.includes(g.strategy) && view.scanTimeframes.includes(g.timeframe));
  const head = html`<b>What confidence means</b> (${table.label}): of earlier signals of each kind, the share that were right — the close that many bars later beyond the entry, in the signal's direction. That share is the confidence min_confidence compares.`;
  if (groups.length === 0) return joinHtml([head, html`No signals of these strategies and timeframes were judged yet.`]);
  return joinHtml([head, ...groups.map(describeGroup)]);
}

function describeGroup(group: CalibrationGroup): SafeHtml {
  const buckets = group.buckets.map(describeBucket);
  return html`${group.strategy} ${group.side} ${group.timeframe}, after ${group.horizonBars} bars: ${buckets.join(' · ')}`;
}

function describeBucket(bucket: CalibrationBucket): string {
  const scores = bucket.from === bucket.to ? `score ${bucket.from.toFixed(2)}` : `score ${bucket.from.toFixed(2)}–${bucket.to.toFixed(2)}`;
  const share = `${Math.round(getHitRate(bucket) * 100)}% right of ${bucket.signals.toLocaleString('en-US')}`;
  return `${scores}: ${share} → ${bucket.confidence.toFixed(2)}`;
}
