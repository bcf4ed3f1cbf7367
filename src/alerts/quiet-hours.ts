import type { QuietHours } from './alert-outbox-port.js';

// Building a DateTimeFormat costs far more than using one; zones are few.
const formats = new Map<string, Intl.DateTimeFormat>();

function localClock(now: Date, tz: string): { hour: number; minute: number; second: number } {
  let format = formats.get(tz);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-GB', { timeZone: tz, hour: 'numeric', minute: 'numeric', second: 'numeric', hourCycle: 'h23' });
    formats.set(tz, format);
  }
  const parts = format.formatToParts(now);
  const field = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return { hour: field('hour'), minute: field('minute'), second: field('second') };
}

/** True inside [startHour, endHour) of the chat's zone; a start after the end spans midnight. */
export function isQuietAt(now: Date, quiet: QuietHours): boolean {
  const { hour } = localClock(now, quiet.tz);
  if (quiet.startHour === quiet.endHour) return false;
  return quiet.startHour < quiet.endHour
    ? hour >= quiet.startHour && hour < quiet.endHour
    : hour >= quiet.startHour || hour < quiet.endHour;
}

/**
 * When to look again while quiet: the next full hour of the chat's zone. Checking hour by
 * hour, rather than computing the end, stays right across daylight-saving changes and in
 * zones with half-hour offsets.
 */
export function nextQuietCheckAt(now: Date, tz: string): number {
  const { minute, second } = localClock(now, tz);
  return now.getTime() - now.getMilliseconds() + ((60 - minute) * 60 - second) * 1_000;
}
