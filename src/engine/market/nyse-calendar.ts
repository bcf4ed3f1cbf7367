/**
 * The NYSE regular session, computed by rule for any year so the calendar never needs a
 * yearly update. Unscheduled closures (national days of mourning, storms) are not known
 * in advance and are not modelled: the broker rejects those orders and says why.
 *
 * Time-zone math uses Intl (the ICU data shipped with Node), so DST follows
 * America/New_York without a library: 09:30 ET is 14:30Z in winter and 13:30Z in summer.
 */

export interface NyseSession {
  readonly open: Date;
  readonly close: Date;
}

interface CivilDate {
  readonly year: number;
  /** 1–12 */
  readonly month: number;
  readonly day: number;
}

const NEW_YORK = 'America/New_York';
const SATURDAY = 6;
const SUNDAY = 0;
const MONDAY = 1;
const THURSDAY = 4;
const DAY_MS = 86_400_000;
/** The longest regular gap between sessions is a 4-day weekend; a fortnight is ample. */
const MAX_DAYS_TO_NEXT_OPEN = 14;

// Built on first use, not at load: the process's first Intl date format sets up ICU's date
// formatting (some 10 ms), which the bot's start need not wait for.
let wallClockFormat: Intl.DateTimeFormat | undefined;
let displayFormat: Intl.DateTimeFormat | undefined;

function getWallClockFormat(): Intl.DateTimeFormat {
  return (wallClockFormat ??= new Intl.DateTimeFormat('en-US', {
    timeZone: NEW_YORK,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
    // h23, not hour12:false: some ICU versions print midnight as "24" with the latter.
    hourCycle: 'h23',
  }));
}

function getDisplayFormat(): Intl.DateTimeFormat {
  return (displayFormat ??= new Intl.DateTimeFormat('en-US', {
    timeZone: NEW_YORK,
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }));
}

/** Whether `now` falls inside a regular NYSE session (open inclusive, close exclusive). */
export function isNyseOpen(now: Date): boolean {
  const session = getNyseSession(now);
  return session !== undefined && now >= session.open && now < session.close;
}

/**
 * The regular session of one trading day, or undefined on weekends and holidays.
 * `date` is either an ET calendar day as `YYYY-MM-DD`, or an instant, in which case the
 * ET day containing it is meant (2026-03-10T02:00Z is still March 9 in New York).
 */
export function getNyseSession(date: Date | string): NyseSession | undefined {
  return getSessionOn(typeof date === 'string' ? parseCivilDate(date) : getNewYorkDate(date));
}

/** The start of the first regular session that begins after `now`. */
export function nextNyseOpen(now: Date): Date {
  const today = getNewYorkDate(now);
  for (let offset = 0; offset <= MAX_DAYS_TO_NEXT_OPEN; offset += 1) {
    const session = getSessionOn(addDays(today, offset));
    if (session !== undefined && session.open > now) return session.open;
  }
  throw new Error(`no NYSE session within ${MAX_DAYS_TO_NEXT_OPEN} days of ${now.toISOString()}`);
}

/**
 * The end of the session a day order placed at `at` belongs to: the running session's
 * close, or, outside hours, the next session's (Alpaca queues such an order for it).
 */
export function nextNyseClose(at: Date): Date {
  const today = getNewYorkDate(at);
  for (let offset = 0; offset <= MAX_DAYS_TO_NEXT_OPEN; offset += 1) {
    const session = getSessionOn(addDays(today, offset));
    if (session !== undefined && session.close > at) return session.close;
  }
  throw new Error(`no NYSE session within ${MAX_DAYS_TO_NEXT_OPEN} days of ${at.toISOString()}`);
}

/** "Mon, Nov 30, 09:30 ET": how the chat names a time on the exchange's clock. */
export function formatNyseTime(instant: Date): string {
  return `${getDisplayFormat().format(instant)} ET`;
}

function getSessionOn(date: CivilDate): NyseSession | undefined {
  if (!isTradingDay(date)) return undefined;
  const closeHour = getEarlyCloseKeys(date.year).has(toKey(date)) ? 13 : 16;
  return { open: fromNewYorkWallClock(date, 9, 30), close: fromNewYorkWallClock(date, closeHour, 0) };
}

function isTradingDay(date: CivilDate): boolean {
  const weekday = getWeekday(date);
  return weekday !== SATURDAY && weekday !== SUNDAY && !getHolidayKeys(date.year).has(toKey(date));
}

const holidayCache = new Map<number, ReadonlySet<string>>();

function getHolidayKeys(year: number): ReadonlySet<string> {
  let keys = holidayCache.get(year);
  if (keys === undefined) {
    keys = new Set(computeHolidays(year).map(toKey));
    holidayCache.set(year, keys);
  }
  return keys;
}

function computeHolidays(year: number): CivilDate[] {
  const easter = getEasterSunday(year);
  const fixed = [{ year, month: 7, day: 4 }, { year, month: 12, day: 25 }];
  if (year >= 2022) fixed.push({ year, month: 6, day: 19 });
  const newYear = { year, month: 1, day: 1 };
  return [
    // NYSE rule 7.2: a Saturday New Year's Day is not moved back to Friday Dec 31, because
    // that would close the market on the last trading day of the year.
    ...(getWeekday(newYear) === SATURDAY ? [] : [observed(newYear)]),
    nthWeekday(year, 1, MONDAY, 3),
    nthWeekday(year, 2, MONDAY, 3),
    addDays(easter, -2),
    lastWeekday(year, 5, MONDAY),
    nthWeekday(year, 9, MONDAY, 1),
    nthWeekday(year, 11, THURSDAY, 4),
    ...fixed.map(observed),
  ];
}

/** Early closes (13:00 ET): July 3, the day after Thanksgiving, Christmas Eve — when trading days. */
function getEarlyCloseKeys(year: number): ReadonlySet<string> {
  const candidates = [
    { year, month: 7, day: 3 },
    addDays(nthWeekday(year, 11, THURSDAY, 4), 1),
    { year, month: 12, day: 24 },
  ];
  return new Set(candidates.filter(isTradingDay).map(toKey));
}

/** A Saturday holiday is observed on Friday, a Sunday one on Monday. */
function observed(date: CivilDate): CivilDate {
  const weekday = getWeekday(date);
  if (weekday === SATURDAY) return addDays(date, -1);
  if (weekday === SUNDAY) return addDays(date, 1);
  return date;
}

/** Gregorian Easter by the anonymous (Meeus/Jones/Butcher) computus. */
function getEasterSunday(year: number): CivilDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const n = h + l - 7 * m + 114;
  return { year, month: Math.floor(n / 31), day: (n % 31) + 1 };
}

function nthWeekday(year: number, month: number, weekday: number, n: number): CivilDate {
  const first = getWeekday({ year, month, day: 1 });
  return { year, month, day: 1 + ((weekday - first + 7) % 7) + (n - 1) * 7 };
}

function lastWeekday(year: number, month: number, weekday: number): CivilDate {
  const last = addDays({ year, month: month + 1, day: 1 }, -1);
  return addDays(last, -((getWeekday(last) - weekday + 7) % 7));
}

/** Calendar arithmetic on UTC midnights: no time zone can shift a pure date. */
function addDays(date: CivilDate, days: number): CivilDate {
  const shifted = new Date(Date.UTC(date.year, date.month - 1, date.day) + days * DAY_MS);
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
}

function getWeekday(date: CivilDate): number {
  return new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
}

function toKey(date: CivilDate): string {
  return `${date.year}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
}

function parseCivilDate(text: string): CivilDate {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const date = match && { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  if (!date || toKey(addDays(date, 0)) !== text) throw new RangeError(`not a calendar date (YYYY-MM-DD): ${text}`);
  return date;
}

type WallClock = Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', number>;

function getNewYorkParts(instant: Date): WallClock {
  if (Number.isNaN(instant.getTime())) throw new RangeError('invalid date');
  const clock: WallClock = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const { type, value } of getWallClockFormat().formatToParts(instant)) {
    if (type in clock) clock[type as keyof WallClock] = Number(value);
  }
  return clock;
}

function getNewYorkDate(instant: Date): CivilDate {
  const { year, month, day } = getNewYorkParts(instant);
  return { year, month, day };
}

/** Milliseconds New York's wall clock is ahead of UTC at `instant` (negative: -4 h or -5 h). */
function getNewYorkOffsetMs(instant: Date): number {
  const p = getNewYorkParts(instant);
  const wallAsUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return wallAsUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/**
 * The instant New York's clocks show `hour:minute` on `date`. The offset is taken twice:
 * first at a guess, then at the corrected instant, which is right on DST change days.
 * (Session times are never inside the 02:00–03:00 jump, so there is no ambiguity.)
 */
function fromNewYorkWallClock(date: CivilDate, hour: number, minute: number): Date {
  const wallAsUtc = Date.UTC(date.year, date.month - 1, date.day, hour, minute);
  const guess = wallAsUtc - getNewYorkOffsetMs(new Date(wallAsUtc));
  return new Date(wallAsUtc - getNewYorkOffsetMs(new Date(guess)));
}
