import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatNyseTime, getNyseSession, isNyseOpen, nextNyseOpen } from '../../../src/engine/market/nyse-calendar.js';

function sessionIso(day: string): { open: string; close: string } | undefined {
  const session = getNyseSession(day);
  return session && { open: session.open.toISOString(), close: session.close.toISOString() };
}

/** Every weekday of a year on which the NYSE has no session. */
function weekdayClosures(year: number): string[] {
  const closed: string[] = [];
  for (let t = Date.UTC(year, 0, 1); t < Date.UTC(year + 1, 0, 1); t += 86_400_000) {
    const day = new Date(t);
    const key = day.toISOString().slice(0, 10);
    if (day.getUTCDay() !== 0 && day.getUTCDay() !== 6 && getNyseSession(key) === undefined) closed.push(key);
  }
  return closed;
}

describe('getNyseSession', () => {
  it('opens 09:30 and closes 16:00 ET on a regular winter day (EST, UTC-5)', () => {
    expect(sessionIso('2026-01-06'), 'a plain Tuesday in January').toEqual({ open: '2026-01-06T14:30:00.000Z', close: '2026-01-06T21:00:00.000Z' });
  });

  it('follows the DST switch on the Mondays after it', () => {
    expect(getNyseSession('2026-03-06')?.open.toISOString(), 'Friday before DST starts: EST').toBe('2026-03-06T14:30:00.000Z');
    expect(getNyseSession('2026-03-09')?.open.toISOString(), 'Monday after DST started on Mar 8: EDT').toBe('2026-03-09T13:30:00.000Z');
    expect(getNyseSession('2026-10-30')?.open.toISOString(), 'Friday before DST ends: EDT').toBe('2026-10-30T13:30:00.000Z');
    expect(getNyseSession('2026-11-02')?.open.toISOString(), 'Monday after DST ended on Nov 1: EST').toBe('2026-11-02T14:30:00.000Z');
  });

  it('has no session on weekends', () => {
    expect(getNyseSession('2026-03-07'), 'Saturday').toBeUndefined();
    expect(getNyseSession('2026-03-08'), 'Sunday (also the DST change day)').toBeUndefined();
  });

  it.each([
    ['2026-11-26', 'Thanksgiving'],
    ['2026-04-03', 'Good Friday (Easter is April 5, 2026)'],
    ['2026-07-03', 'Independence Day observed: July 4, 2026 is a Saturday'],
    ['2026-01-19', 'Martin Luther King Jr. Day'],
    ['2026-12-25', 'Christmas'],
    ['2023-01-02', 'New Year observed on Monday: Jan 1, 2023 is a Sunday'],
    ['2022-06-20', 'Juneteenth observed on Monday: June 19, 2022 is a Sunday'],
  ])('is closed on %s (%s)', (day, why) => {
    expect(getNyseSession(day), why).toBeUndefined();
  });

  it.each([
    ['2027-12-31', 'Jan 1, 2028 is a Saturday and NYSE does not observe it on Friday Dec 31'],
    ['2021-12-31', 'the same rule for Jan 1, 2022'],
    ['2021-06-18', 'Juneteenth was not an NYSE holiday before 2022'],
    ['2026-07-02', 'no early close before an observed Friday Independence Day'],
  ])('is open a full day on %s (%s)', (day, why) => {
    const session = getNyseSession(day);
    const minutes = session && (session.close.getTime() - session.open.getTime()) / 60_000;
    expect(minutes, `${why}: 09:30–16:00 is 390 minutes`).toBe(390);
  });

  it.each([
    ['2026-11-27', '2026-11-27T18:00:00.000Z', 'the day after Thanksgiving'],
    ['2026-12-24', '2026-12-24T18:00:00.000Z', 'Christmas Eve on a Thursday'],
    ['2025-07-03', '2025-07-03T17:00:00.000Z', 'the day before Independence Day, in summer time'],
  ])('closes early at 13:00 ET on %s', (day, close, why) => {
    expect(getNyseSession(day)?.close.toISOString(), why).toBe(close);
  });

  it('computes every 2027 holiday by rule', () => {
    expect(weekdayClosures(2027), 'NYSE published 2027 holidays, incl. Saturday Juneteenth and Christmas observed on Friday').toEqual([
      '2027-01-01', '2027-01-18', '2027-02-15', '2027-03-26', '2027-05-31',
      '2027-06-18', '2027-07-05', '2027-09-06', '2027-11-25', '2027-12-24',
    ]);
  });

  it.each([
    [2019, '2019-04-19'],
    [2024, '2024-03-29'],
    [2025, '2025-04-18'],
    [2038, '2038-04-23'],
  ])('finds Good Friday %i from Easter', (year, goodFriday) => {
    expect(weekdayClosures(year), `Easter is two days after ${goodFriday}`).toContain(goodFriday);
  });

  it('reads an instant as the New York calendar day containing it', () => {
    const lateMonday = new Date('2026-03-10T02:00:00.000Z'); // 22:00 ET on Monday March 9
    expect(getNyseSession(lateMonday)?.open.toISOString(), 'still Monday in New York').toBe('2026-03-09T13:30:00.000Z');
  });

  it.each(['2026-02-30', '2026-3-9', 'tomorrow'])('rejects the malformed day %s', (day) => {
    expect(() => getNyseSession(day), 'a typo must not read as a holiday').toThrow(RangeError);
  });
});

describe('isNyseOpen', () => {
  it('opens at 09:30 and closes at 16:00 ET exactly', () => {
    expect(isNyseOpen(new Date('2026-03-09T13:29:59.999Z')), 'a millisecond before the open').toBe(false);
    expect(isNyseOpen(new Date('2026-03-09T13:30:00.000Z')), 'the open itself').toBe(true);
    expect(isNyseOpen(new Date('2026-03-09T19:59:59.999Z')), 'the last millisecond').toBe(true);
    expect(isNyseOpen(new Date('2026-03-09T20:00:00.000Z')), 'the close itself').toBe(false);
  });

  it('is closed after 13:00 ET on an early-close day', () => {
    expect(isNyseOpen(new Date('2026-11-27T17:59:00.000Z')), '12:59 ET').toBe(true);
    expect(isNyseOpen(new Date('2026-11-27T18:00:00.000Z')), '13:00 ET').toBe(false);
  });

  it('is closed on a holiday and a weekend at midday', () => {
    expect(isNyseOpen(new Date('2026-11-26T17:00:00.000Z')), 'Thanksgiving noon').toBe(false);
    expect(isNyseOpen(new Date('2026-03-07T17:00:00.000Z')), 'Saturday noon').toBe(false);
  });
});

describe('nextNyseOpen', () => {
  it.each([
    ['2026-03-10T12:00:00.000Z', '2026-03-10T13:30:00.000Z', 'before the open: today'],
    ['2026-03-10T15:00:00.000Z', '2026-03-11T13:30:00.000Z', 'during the session: tomorrow'],
    ['2026-11-27T19:00:00.000Z', '2026-11-30T14:30:00.000Z', 'after an early close on Friday: Monday'],
    ['2026-11-25T22:00:00.000Z', '2026-11-27T14:30:00.000Z', 'skips Thanksgiving'],
    ['2027-12-31T22:00:00.000Z', '2028-01-03T14:30:00.000Z', 'across the year end'],
    ['2026-04-02T21:00:00.000Z', '2026-04-06T13:30:00.000Z', 'skips Good Friday and the weekend'],
  ])('from %s is %s (%s)', (now, expected, why) => {
    expect(nextNyseOpen(new Date(now)).toISOString(), why).toBe(expected);
  });

  it('is always a session start strictly after now (2000–2040)', () => {
    const instants = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2040-12-31T00:00:00Z'), noInvalidDate: true });
    fc.assert(
      fc.property(instants, (now) => {
        const next = nextNyseOpen(now);
        expect(next.getTime(), 'in the future').toBeGreaterThan(now.getTime());
        expect(isNyseOpen(next), 'the market is open at that instant').toBe(true);
        expect(isNyseOpen(new Date(next.getTime() - 1)), 'and was closed just before').toBe(false);
      }),
      { numRuns: 500 },
    );
  });
});

describe('formatNyseTime', () => {
  it('names the day and the time on the New York clock', () => {
    expect(formatNyseTime(new Date('2026-11-30T14:30:00.000Z')), 'what the chat shows').toBe('Mon, Nov 30, 09:30 ET');
  });
});
