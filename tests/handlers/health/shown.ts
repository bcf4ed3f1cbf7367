const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Offsets from UTC on 2026-11-20, the tests' day: standard time in both zones. */
export const UTC = 0;
export const BERLIN = 1;
export const NEW_YORK = -5;

/** A moment as a zone's wall clock shows it, with the zone's UTC offset in hours. */
export interface ShownTime {
  readonly iso: string;
  readonly offsetHours: number;
}

export const shownAt = (iso: string, offsetHours: number): ShownTime => ({ iso, offsetHours });

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

function timePattern({ iso, offsetHours }: ShownTime): string {
  const wall = new Date(new Date(iso).getTime() + offsetHours * 3_600_000);
  const clock = wall.toISOString().slice(11, 16);
  // The zone's short name comes from ICU and differs between builds (EST or GMT-5, CET or
  // GMT+1): the wall clock worked out here is asserted, the name only has to be there.
  return `${DAYS[wall.getUTCDay()]}, ${MONTHS[wall.getUTCMonth()]} ${wall.getUTCDate()}, ${clock} \\S+`;
}

/**
 * A RegExp for text the bot prints with times in it: the literal parts match as written,
 * each `${shownAt(…)}` matches that time on the zone's clock.
 */
export function shown(strings: TemplateStringsArray, ...times: ShownTime[]): RegExp {
  return new RegExp(strings.map((s, i) => escape(s) + (i < times.length ? timePattern(times[i] as ShownTime) : '')).join(''));
}
