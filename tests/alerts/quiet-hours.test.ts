import { describe, expect, it } from 'vitest';
import { isQuietAt, nextQuietCheckAt } from '../../src/alerts/quiet-hours.js';
import { resendDelayMs } from '../../src/alerts/resend-schedule.js';

const at = (iso: string) => new Date(iso);

describe('quiet hours', () => {
  const night = { startHour: 22, endHour: 7, tz: 'Europe/Berlin' };

  it.each([
    ['2026-11-20T20:59:00Z', false, '21:59 Berlin'],
    ['2026-11-20T21:00:00Z', true, '22:00 Berlin'],
    ['2026-11-21T05:59:00Z', true, '06:59 Berlin'],
    ['2026-11-21T06:00:00Z', false, '07:00 Berlin'],
    ['2026-07-01T05:30:00Z', false, '07:30 Berlin in summer time'],
  ])('%s is quiet: %s (%s)', (iso, quiet) => {
    expect(isQuietAt(at(iso), night), 'spans midnight in the chat zone').toBe(quiet);
  });

  it('handles a window within one day, and an empty one', () => {
    const lunch = { startHour: 12, endHour: 14, tz: 'UTC' };
    expect(isQuietAt(at('2026-11-20T13:00:00Z'), lunch), 'inside').toBe(true);
    expect(isQuietAt(at('2026-11-20T14:00:00Z'), lunch), 'end is exclusive').toBe(false);
    expect(isQuietAt(at('2026-11-20T13:00:00Z'), { startHour: 5, endHour: 5, tz: 'UTC' }), 'start = end means never').toBe(false);
  });

  it('looks again at the next full hour of the zone, half-hour offsets included', () => {
    expect(new Date(nextQuietCheckAt(at('2026-11-20T22:17:30.250Z'), 'Europe/Berlin')).toISOString(), 'whole-hour zone').toBe('2026-11-20T23:00:00.000Z');
    expect(new Date(nextQuietCheckAt(at('2026-11-20T22:17:30Z'), 'Asia/Kolkata')).toISOString(), 'UTC+5:30').toBe('2026-11-20T22:30:00.000Z');
  });
});

describe('resendDelayMs', () => {
  it('grows 2, 5, 10, 30 minutes, then stays at 30', () => {
    expect([1, 2, 3, 4, 5, 9].map((n) => resendDelayMs(n) / 60_000), 'minutes').toEqual([2, 5, 10, 30, 30, 30]);
  });
});
