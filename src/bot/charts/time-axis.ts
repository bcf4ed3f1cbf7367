const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Steps a person reads easily, smallest first: ticks fall on round times of the zone's clock. */
export const STEPS = [MINUTE, 5 * MINUTE, 15 * MINUTE, 30 * MINUTE, HOUR, 2 * HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR, DAY, 2 * DAY, 7 * DAY, 14 * DAY, 30 * DAY];

/** At most this many dated ticks fit a 1,280-pixel axis with room between the labels. */
export const TARGET_TICKS = 10;

const offsets = new Map<string, Intl.DateTimeFormat>();

/** How far the zone's clock is ahead of UTC at `ms` (DST-aware), in ms. */
export function zoneOffsetMs(ms: number, timeZone: string): number {
  let format = offsets.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    offsets.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(new Date(ms)).map((p) => [p.type, Number(p.value)]));
  const asUtc = Date.UTC(parts.year ?? 1970, (parts.month ?? 1) - 1, parts.day ?? 1, parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0);
  return asUtc - Math.floor(ms / 1000) * 1000;
}

/** The smallest round step (at least `minimum`) that keeps a span to about TARGET_TICKS ticks. */
export function chooseStep(spanMs: number, minimum = 0): number {
  return STEPS.find((step) => step >= minimum && spanMs / step <= TARGET_TICKS) ?? STEPS.at(-1) ?? DAY;
}

/** True when `ms` is a whole multiple of `step` on the zone's clock (midnight, noon, :15 …). */
export function isOnStep(ms: number, step: number, timeZone: string): boolean {
  return (ms + zoneOffsetMs(ms, timeZone)) % step === 0;
}

/** Round times from `from` to `to` on the zone's clock, `step` apart. */
export function roundTimes(from: number, to: number, step: number, timeZone: string): number[] {
  const first = Math.ceil((from + zoneOffsetMs(from, timeZone)) / step) * step - zoneOffsetMs(from, timeZone);
  const times: number[] = [];
  for (let t = first; t <= to && times.length < 100; t += step) times.push(t);
  return times;
}

const labels = new Map<string, Intl.DateTimeFormat>();

/**
 * A tick label on the zone's clock: `Nov 30` for whole days, `Nov 30 14:00` otherwise. The
 * zone itself is in the axis title, so every label stays short.
 */
export function formatTickTime(ms: number, step: number, timeZone: string): string {
  const withTime = step < DAY;
  const key = `${timeZone}|${withTime}`;
  let format = labels.get(key);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, month: 'short', day: 'numeric', ...(withTime ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } : {}) });
    labels.set(key, format);
  }
  return format.format(new Date(ms)).replace(',', '');
}

/** `Time (UTC)`, `Time (Europe/Berlin, CET)`: the zone the ticks are in, said on the axis. */
export function timeAxisTitle(ms: number, timeZone: string): string {
  const short = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'short' }).formatToParts(new Date(ms)).find((p) => p.type === 'timeZoneName')?.value;
  return short === undefined || short === timeZone ? `Time (${timeZone})` : `Time (${timeZone}, ${short})`;
}
