import type { Bar } from '../market/bars.js';

/**
 * How strategies turn readings into the 0–1 scores of a Signal. Shared so the three
 * strategies grade alike: a score of 0.5 means "just past the threshold", 1 means "twice
 * as far" (or more).
 */
export function clampUnit(value: number): number {
  if (!(value > 0)) return 0;
  return value > 1 ? 1 : value;
}

/** 0.5 at the threshold, 1 at twice the threshold; `reading` and `threshold` share a unit. */
export function scorePastThreshold(reading: number, threshold: number): number {
  return clampUnit((0.5 * reading) / threshold);
}

/**
 * Where the bar closed within its range: 1 at the high, 0 at the low, 0.5 for a bar with
 * no range. A buy on a bar that closed off its low means buyers stepped in.
 */
export function getCloseLocation(bar: Bar): number {
  const range = bar.h - bar.l;
  return range > 0 ? clampUnit((bar.c - bar.l) / range) : 0.5;
}

/** Three decimals: enough for the confidence gate, readable in the chat. */
export function roundScore(value: number): number {
  return Math.round(clampUnit(value) * 1000) / 1000;
}
