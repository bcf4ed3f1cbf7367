import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Bar } from '../../../src/engine/market/bars.js';
import { countExpectedBars, expectedBarTimes, findGaps } from '../../../src/engine/market/expected-bar-times.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

function bar(t: number): Bar {
  return { t, o: 1, h: 1, l: 1, c: 1, v: 1 };
}

/** Bars every `step` from `first` (inclusive) to `end` (exclusive), written out by hand per session. */
function barsBetween(first: string, end: string, step: number): Bar[] {
  const bars: Bar[] = [];
  for (let t = Date.parse(first); t < Date.parse(end); t += step) bars.push(bar(t));
  return bars;
}

describe('crypto: 24/7', () => {
  const from = Date.UTC(2025, 0, 3); // a Friday: the range runs over a weekend
  const to = from + 3 * DAY;

  it('expects every hour, weekends included, and finds a missing stretch as one gap', () => {
    const all = barsBetween('2025-01-03T00:00Z', '2025-01-06T00:00Z', HOUR);
    expect(countExpectedBars('BTC/USDT', '1h', from, to), 'three whole days').toBe(72);
    expect(findGaps(all, 'BTC/USDT', '1h', from, to), 'complete').toEqual([]);

    const missing = all.filter((b) => b.t < from + 30 * HOUR || b.t >= from + 33 * HOUR);
    expect(findGaps(missing, 'BTC/USDT', '1h', from, to), 'Saturday 06:00–09:00 missing').toEqual([
      { from: from + 30 * HOUR, to: from + 33 * HOUR, missingBars: 3 },
    ]);
    expect(findGaps([], 'BTC/USDT', '4h', from, to), 'an empty series is one gap').toEqual([{ from, to, missingBars: 18 }]);
  });

  it('aligns to the timeframe and treats [from, to) as half-open', () => {
    expect([...expectedBarTimes('ETH/USDT', '4h', from + 1, from + 9 * HOUR)], 'the 00:00 bar opens before from').toEqual([
      from + 4 * HOUR,
      from + 8 * HOUR,
    ]);
    expect(countExpectedBars('ETH/USDT', '1h', to, from), 'reversed range').toBe(0);
    expect(findGaps([], 'ETH/USDT', '1h', from, from), 'empty range').toEqual([]);
  });

  it('counts exactly what it enumerates', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 40 * DAY }),
        fc.integer({ min: 0, max: 3 * DAY }),
        fc.constantFrom('1m', '15m', '1h', '4h', '1d' as const),
        (offset, length, tf) => {
          const lo = from + offset;
          const enumerated = [...expectedBarTimes('SOL/USDT', tf, lo, lo + length)];
          expect(countExpectedBars('SOL/USDT', tf, lo, lo + length), 'arithmetic count').toBe(enumerated.length);
        },
      ),
    );
  });
});

describe('US equities: NYSE sessions', () => {
  it('counts stock bars per session exactly what it enumerates, and the 270 ten-year series of a big estimate quickly', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 400 * DAY }),
        fc.integer({ min: 0, max: 20 * DAY }),
        fc.constantFrom('1m', '5m', '15m', '1h', '4h', '1d' as const),
        (offset, length, tf) => {
          const lo = Date.parse('2023-01-01T00:00Z') + offset;
          const enumerated = [...expectedBarTimes('AAPL', tf, lo, lo + length)];
          expect(countExpectedBars('AAPL', tf, lo, lo + length), `${tf} from ${new Date(lo).toISOString()} for ${length} ms`).toBe(enumerated.length);
        },
      ),
      { numRuns: 150 },
    );
    const [lo, hi] = [Date.parse('2015-01-01T00:00Z'), Date.parse('2025-01-01T00:00Z')];
    const tenYears = countExpectedBars('AAPL', '1m', lo, hi);
    expect(tenYears, 'about 252 sessions of 390 minutes a year').toBeGreaterThan(960_000);
    // The estimate of 90 stocks × 3 timeframes × ten years counts 270 series before it
    // asks. Regression, fixed: each count worked out every day's session through Intl
    // again (0.1–0.3 s a series here, over 25 s in all, in the chat's handler); per session,
    // each day worked out once, it takes about 1 ms a series.
    const started = performance.now();
    for (let i = 0; i < 270; i += 1) countExpectedBars(`SYM${i % 90}`, (['1m', '1h', '1d'] as const)[i % 3] as '1m', lo, hi);
    expect(performance.now() - started, '270 ten-year series in well under the 25 s it took').toBeLessThan(3_000);
  });

  // Thanksgiving week 2024 (EST, so the session is 14:30Z–21:00Z): Thursday Nov 28 is a
  // holiday, Friday Nov 29 closes at 13:00 ET (18:00Z), then a weekend.
  const from = Date.parse('2024-11-25T00:00Z');
  const to = Date.parse('2024-12-03T00:00Z');
  const thanksgivingWeek15m = [
    ...barsBetween('2024-11-25T14:30Z', '2024-11-25T21:00Z', 15 * MINUTE),
    ...barsBetween('2024-11-26T14:30Z', '2024-11-26T21:00Z', 15 * MINUTE),
    ...barsBetween('2024-11-27T14:30Z', '2024-11-27T21:00Z', 15 * MINUTE),
    ...barsBetween('2024-11-29T14:30Z', '2024-11-29T18:00Z', 15 * MINUTE),
    ...barsBetween('2024-12-02T14:30Z', '2024-12-02T21:00Z', 15 * MINUTE),
  ];

  it('expects 15m bars only inside sessions: no false gap over nights, a weekend or Thanksgiving', () => {
    expect(countExpectedBars('AAPL', '15m', from, to), '4 full days of 26 bars and a half day of 14').toBe(4 * 26 + 14);
    expect(findGaps(thanksgivingWeek15m, 'AAPL', '15m', from, to), 'complete week').toEqual([]);
    const withExtendedHours = [bar(Date.parse('2024-11-25T13:00Z')), ...thanksgivingWeek15m, bar(Date.parse('2024-12-02T22:00Z'))];
    expect(findGaps(withExtendedHours, 'AAPL', '15m', from, to), 'extended-hours bars are harmless').toEqual([]);
  });

  it('reports bars missing on both sides of a weekend as one gap', () => {
    const friday1745 = Date.parse('2024-11-29T17:45Z');
    const monday0930 = Date.parse('2024-12-02T14:30Z');
    const missing = thanksgivingWeek15m.filter((b) => b.t !== friday1745 && b.t !== monday0930);
    expect(findGaps(missing, 'AAPL', '15m', from, to), 'last bar of the half day and first of Monday').toEqual([
      { from: friday1745, to: monday0930 + 15 * MINUTE, missingBars: 2 },
    ]);
  });

  it('follows daylight saving time and the July 3 early close', () => {
    // EDT: 13:30Z–20:00Z; Thursday July 3, 2025 closes at 17:00Z; Friday July 4 is a holiday.
    const summer = [
      ...barsBetween('2025-07-01T13:30Z', '2025-07-01T20:00Z', HOUR),
      ...barsBetween('2025-07-02T13:30Z', '2025-07-02T20:00Z', HOUR),
      ...barsBetween('2025-07-03T13:30Z', '2025-07-03T17:00Z', HOUR),
      ...barsBetween('2025-07-07T13:30Z', '2025-07-07T20:00Z', HOUR),
    ];
    const julyFrom = Date.parse('2025-07-01T00:00Z');
    const julyTo = Date.parse('2025-07-08T00:00Z');
    expect(countExpectedBars('MSFT', '1h', julyFrom, julyTo), '7 per full day (09:30 … 15:30), 4 on the half day').toBe(3 * 7 + 4);
    expect(findGaps(summer, 'MSFT', '1h', julyFrom, julyTo), 'complete').toEqual([]);
  });

  it('expects one daily bar per trading day, stamped at midnight New York time or at the open', () => {
    const midnightsEst = ['2024-11-25', '2024-11-26', '2024-11-27', '2024-11-29', '2024-12-02'].map((day) => Date.parse(`${day}T05:00Z`));
    expect([...expectedBarTimes('SPY', '1d', from, to)], 'trading days at 00:00 ET').toEqual(midnightsEst);
    expect(findGaps(midnightsEst.map(bar), 'SPY', '1d', from, to), 'Alpaca-style stamps').toEqual([]);
    expect(findGaps(midnightsEst.map((t) => bar(t + 9.5 * HOUR)), 'SPY', '1d', from, to), 'stamped at the open').toEqual([]);

    const [mon, tue, wed, fri, nextMon] = midnightsEst as [number, number, number, number, number];
    const withoutWedFri = [mon, tue, nextMon].map(bar);
    expect(findGaps(withoutWedFri, 'SPY', '1d', from, to), 'Wednesday and Friday missing: one gap over the holiday').toEqual([
      { from: wed, to: fri + DAY, missingBars: 2 },
    ]);
  });
});
