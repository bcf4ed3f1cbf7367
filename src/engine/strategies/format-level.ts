/**
 * Numbers in signal reasons, as a trader reads them: `61,230`, `104.85`, `0.08412`.
 * Reasons are shown, never parsed; prices in proposals travel as decimals elsewhere.
 */
const LARGE = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const MEDIUM = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const SMALL = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 4 });
const PERCENT = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const PLAIN = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

export function formatLevel(value: number): string {
  const size = Math.abs(value);
  if (size >= 1000) return LARGE.format(value);
  if (size >= 1) return MEDIUM.format(value);
  return SMALL.format(value);
}

/** A percentage already in percent units: 4.12 → `4.1%`. */
export function formatPercent(percent: number): string {
  return `${PERCENT.format(percent)}%`;
}

/** A ratio or indicator reading: RSI 27.35 → `27.35`, volume 2.3 → `2.3`. */
export function formatReading(value: number): string {
  return PLAIN.format(value);
}
