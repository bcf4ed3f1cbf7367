import { describe, expect, it } from 'vitest';
import { calculateDailyRates } from '../../../src/engine/stats/calculate-daily-rates.js';
import { DAY, fixtureLog, HOUR, NOW } from './analytics-fixtures.js';

describe('calculateDailyRates', () => {
  it('counts by UTC day of the decision: pass rate of the gates, approval rate of the decided', () => {
    // NOW is 12:00 UTC: 2 h and 11 h ago are today, 13 h ago is yesterday.
    const { rows, proposals } = fixtureLog([
      { id: 'a', age: 2 * HOUR, confidence: 0.7, outcome: { decision: 'approved', after: 60 } },
      { id: 'b', age: 11 * HOUR, confidence: 0.4 },
      { id: 'c', age: 13 * HOUR, confidence: 0.7, outcome: { decision: 'rejected', after: 60 } },
      { id: 'd', age: 13 * HOUR, confidence: 0.7, outcome: 'expired' },
      { id: 'e', age: 13 * HOUR, confidence: 0.7, outcome: { decision: 'approved', after: 60 } },
      { id: 'old', age: 31 * DAY, confidence: 0.7 },
    ]);
    const days = calculateDailyRates(rows, proposals, 'main', NOW, 30);
    expect(days, 'thirty days, today last').toHaveLength(30);
    expect(days.at(-1)).toEqual({ day: Date.parse('2026-03-31T00:00:00Z'), evaluated: 2, passRate: 0.5, decided: 1, approvalRate: 1 });
    expect(days.at(-2)).toEqual({ day: Date.parse('2026-03-30T00:00:00Z'), evaluated: 3, passRate: 1, decided: 3, approvalRate: 1 / 3 });
    expect(days.at(0), 'a day with nothing: no rate, not 0 %').toEqual({ day: Date.parse('2026-03-02T00:00:00Z'), evaluated: 0, passRate: undefined, decided: 0, approvalRate: undefined });
    expect(calculateDailyRates(rows, proposals, 'other', NOW, 30).every((d) => d.evaluated === 0), 'another account sees none of them').toBe(true);
  });
});
