/**
 * `2026-11-20 12:00 UTC`: a time in text that has no display zone at hand (alerts, the
 * daily health summary), to the minute and with its zone, never an ISO string with
 * milliseconds.
 */
export function formatUtcTime(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
