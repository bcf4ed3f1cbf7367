import type { Bar } from '../../engine/market/bars.js';
import { isBarTime } from './bar-record.js';
import { InvalidBarError } from './invalid-bar-error.js';

/**
 * Validates a batch, sorts it by time and keeps one bar per timestamp (the later one in
 * the batch, as a venue repeating a bar within a page sends its newer state).
 * Throws InvalidBarError before anything is written.
 */
export function prepareBars(seriesName: string, bars: readonly Bar[]): Bar[] {
  let sorted = true;
  for (let i = 0; i < bars.length; i += 1) {
    const bar = bars[i] as Bar;
    const reason = getInvalidReason(bar);
    if (reason !== undefined) throw new InvalidBarError(seriesName, i, reason);
    if (i > 0 && bar.t <= (bars[i - 1] as Bar).t) sorted = false;
  }
  if (sorted) return bars.slice();
  // Array.prototype.sort is stable, so among equal times the batch's last one stays last.
  const ordered = [...bars].sort((a, b) => a.t - b.t);
  const unique: Bar[] = [];
  for (const bar of ordered) {
    if (unique.length > 0 && (unique[unique.length - 1] as Bar).t === bar.t) unique[unique.length - 1] = bar;
    else unique.push(bar);
  }
  return unique;
}

/** The index of the first bar with t > `after` (bars sorted ascending). */
export function findFirstAfter(bars: readonly Bar[], after: number | undefined): number {
  if (after === undefined) return 0;
  let lo = 0;
  let hi = bars.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((bars[mid] as Bar).t <= after) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function getInvalidReason(bar: Bar): string | undefined {
  if (!isBarTime(bar.t)) return `t must be a positive whole number of milliseconds, got ${bar.t}`;
  for (const field of ['o', 'h', 'l', 'c', 'v'] as const) {
    if (!Number.isFinite(bar[field])) return `${field} must be a finite number, got ${bar[field]}`;
  }
  return undefined;
}
