import type { Bar, Timeframe } from './bars.js';
import { TIMEFRAME_MS } from './bars.js';

export interface ValidatedBars {
  /** The sound bars, oldest first, strictly increasing `t`. */
  readonly bars: Bar[];
  /** Bars the venue sent that were left out. */
  readonly dropped: number;
}

const HOUR_MS = 3_600_000;

/**
 * Keeps the bars a strategy can trust and counts the rest: every number finite, prices
 * positive, low ≤ open, close ≤ high, volume ≥ 0, and `t` on the timeframe's grid.
 *
 * The grid: minute timeframes and 1h align to UTC multiples of their length. 4h and 1d
 * bars are anchored to the venue's day — Binance's UTC midnight, Alpaca's New York
 * midnight (04:00Z or 05:00Z with daylight saving) — so they only need to sit on a whole
 * hour; their `t` is kept as the venue gave it.
 *
 * Order: a stable sort by `t`, then a bar whose `t` repeats the previous one is dropped,
 * so the first of duplicates (in the venue's order) wins.
 */
export function validateBars(bars: readonly Bar[], timeframe: Timeframe): ValidatedBars {
  const grid = Math.min(TIMEFRAME_MS[timeframe], HOUR_MS);
  const sound = bars.filter((bar) => isSoundBar(bar, grid));
  const sorted = isSortedByTime(sound) ? sound : sound.sort((a, b) => a.t - b.t);
  const kept: Bar[] = [];
  for (const bar of sorted) {
    const previous = kept[kept.length - 1];
    if (previous === undefined || bar.t > previous.t) kept.push(bar);
  }
  return { bars: kept, dropped: bars.length - kept.length };
}

function isSoundBar(bar: Bar, grid: number): boolean {
  const { t, o, h, l, c, v } = bar;
  if (![t, o, h, l, c, v].every(Number.isFinite)) return false;
  if (!(l > 0) || v < 0) return false;
  if (l > Math.min(o, c) || h < Math.max(o, c)) return false;
  return Number.isSafeInteger(t) && t % grid === 0;
}

function isSortedByTime(bars: readonly Bar[]): boolean {
  for (let i = 1; i < bars.length; i += 1) {
    if (bars[i]!.t < bars[i - 1]!.t) return false;
  }
  return true;
}
