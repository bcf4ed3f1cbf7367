const UNITS: readonly [number, string, string][] = [
  [86_400_000, 'day', 'days'],
  [3_600_000, 'h', 'h'],
  [60_000, 'min', 'min'],
];

/** A chosen duration in its largest whole unit: `1 day`, `7 days`, `36 h`, `90 min` (never `1d 0h 0m`). */
export function formatSpan(ms: number): string {
  for (const [size, one, many] of UNITS) {
    if (ms >= size && ms % size === 0) return `${ms / size} ${ms === size ? one : many}`;
  }
  return `${Math.round(ms / 60_000)} min`;
}
