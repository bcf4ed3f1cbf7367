import { describe, expect, it } from 'vitest';
import { DEFAULT_GATES } from '../../../src/engine/gates/default-gates.js';
import { describeChange, describeExcursion } from '../../../src/engine/stats/describe-suggestion.js';
import { suggestThresholds, type Suggestion } from '../../../src/engine/stats/suggest-thresholds.js';
import { makeAccount } from '../gates/gate-fixtures.js';
import { DAY, fixtureLog, HOUR, lowApprovalFixture, lowPassFixture, NOW } from './analytics-fixtures.js';

const MAIN = makeAccount();
const suggest = (log: ReturnType<typeof fixtureLog>, profile = MAIN) => suggestThresholds({ ...log, profiles: [profile], gates: DEFAULT_GATES, now: NOW });

describe('suggestThresholds on fixture decision logs (expectations worked out in analytics-fixtures.ts)', () => {
  it('a pass rate of 20 % over 30 d suggests minConfidence 0.6 → 0.57, which would have let 40 % pass', () => {
    const [suggestion, ...rest] = suggest(fixtureLog(lowPassFixture()));
    expect(rest, 'no proposal was decided: no approval rate').toEqual([]);
    expect(suggestion).toEqual({
      accountId: 'main',
      metric: 'pass_rate',
      window: { label: '30 d', days: 30 },
      samples: 40,
      rate: 0.2,
      rateNow: 0.2,
      band: { low: 0.3, high: 0.5 },
      change: { key: 'minConfidence', from: 0.6, to: 0.57, expectedRate: 0.4, expectedOf: 40 },
    });
  });

  it('after minConfidence 0.57 is applied, the recorded 20 % is history: 40 % under the value in force, no suggestion', () => {
    expect(suggest(fixtureLog(lowPassFixture()), makeAccount({ minConfidence: 0.57 }))).toEqual([]);
  });

  it('tightened since to 0.75: the rate in force (0 %) is what is judged and searched from', () => {
    const [suggestion] = suggest(fixtureLog(lowPassFixture()), makeAccount({ minConfidence: 0.75 }));
    expect(suggestion).toMatchObject({ rate: 0.2, rateNow: 0, change: { key: 'minConfidence', from: 0.75, to: 0.57, expectedRate: 0.4 } });
    expect(describeExcursion(suggestion as Suggestion)).toBe('main: gate pass rate 20% over 30 d (40 decisions); 0% with the thresholds in force now, below the 30–50% band');
    expect(describeChange(suggestion as Suggestion)).toBe('minConfidence 0.75 → 0.57 would have let 40% pass over 30 d (was 0%).');
  });

  it("follows the account's own band: with 15–25 % the same log is in band and nothing is suggested", () => {
    expect(suggest(fixtureLog(lowPassFixture()), makeAccount({ approvalBandLowPct: 15, approvalBandHighPct: 25 }))).toEqual([]);
  });

  it('with a band of 45–60 % the middle (52.5 %) is first reached at 0.52 (60 %), in the band', () => {
    const [suggestion] = suggest(fixtureLog(lowPassFixture()), makeAccount({ approvalBandLowPct: 45, approvalBandHighPct: 60 }));
    expect(suggestion?.change, '0.55 gives 50 %, short of the middle; 0.52 gives 24 of 40').toMatchObject({ to: 0.52, expectedRate: 0.6 });
  });

  it('an approval rate of 25 % suggests minConfidence 0.6 → 0.63 (50 % of the 12 kept); the pass rate of 100 % suggests the same value (50 % of 24)', () => {
    const suggestions = suggest(fixtureLog(lowApprovalFixture()));
    expect(suggestions.map((s) => [s.metric, s.window.label, s.samples, s.rate, s.change])).toEqual([
      ['pass_rate', '30 d', 24, 1, { key: 'minConfidence', from: 0.6, to: 0.63, expectedRate: 0.5, expectedOf: 24 }],
      ['approval_rate', '30 d', 24, 0.25, { key: 'minConfidence', from: 0.6, to: 0.63, expectedRate: 0.5, expectedOf: 12 }],
    ]);
  });

  it('fewer than 20 decisions in every window: nothing, however far out of band', () => {
    expect(suggest(fixtureLog(lowPassFixture().slice(0, 19)))).toEqual([]);
  });

  it('the longest window out of band is reported; the middle overshot (100 % at 0.40), the low edge decides', () => {
    // 30 more at 0.4 in the last 15 hours: 1 d, 7 d and 30 d are all out of band.
    const recent = Array.from({ length: 30 }, (_, i) => ({ id: `r-${i}`, confidence: 0.4, age: (i + 1) * 30 * 60_000 }));
    const [suggestion, ...rest] = suggest(fixtureLog([...lowPassFixture(), ...recent]));
    expect(rest).toEqual([]);
    expect(suggestion).toMatchObject({ window: { label: '30 d' }, samples: 70, rate: 8 / 70 });
    // 0.52 lets 24 of 70 pass (34 %); below that only 0.40 adds more, and then all 70 pass.
    expect(suggestion?.change).toEqual({ key: 'minConfidence', from: 0.6, to: 0.52, expectedRate: 24 / 70, expectedOf: 70 });
  });

  it('a short window alone out of band: 1 d is reported when 30 d is in band', () => {
    // 20 passing decisions spread over days 3–22 bring 30 d to 28 of 60 (47 %); the last day has 20 at 0.4.
    const passing = Array.from({ length: 20 }, (_, i) => ({ id: `ok-${i}`, confidence: 0.7, age: 3 * DAY + i * DAY }));
    const recent = Array.from({ length: 20 }, (_, i) => ({ id: `r-${i}`, confidence: 0.4, age: (i + 1) * HOUR }));
    const log = fixtureLog([...lowPassFixture().slice(0, 8 + 12), ...passing, ...recent]);
    const [suggestion] = suggest(log);
    expect(suggestion).toMatchObject({ window: { label: '1 d' }, samples: 20, rate: 0 });
    expect(suggestion?.change, 'no minimum lets 0.4 pass except 0.40 itself: all 20 (100 %), out of band').toBeUndefined();
  });

  it('when several gates block the same decisions, no single setting reaches the band, and the reason says how far one gets', () => {
    // 3 pass; 5 at 0.5 blocked by min_confidence alone; 27 at 0.4 with 5 positions open, blocked by min_confidence and max_open_positions.
    const log = fixtureLog([
      ...Array.from({ length: 3 }, (_, i) => ({ id: `p-${i}`, confidence: 0.7, age: (i + 2) * DAY })),
      ...Array.from({ length: 5 }, (_, i) => ({ id: `c-${i}`, confidence: 0.5, age: (i + 2) * DAY })),
      ...Array.from({ length: 27 }, (_, i) => ({ id: `b-${i}`, confidence: 0.4, age: (i + 2) * HOUR, openPositions: 5 })),
    ]);
    const [suggestion] = suggest(log);
    expect(suggestion).toMatchObject({ metric: 'pass_rate', samples: 35, rate: 3 / 35 });
    expect(suggestion?.change, 'minConfidence alone frees 5: (3 + 5) / 35 = 23 %, under 30 %').toBeUndefined();
    expect(suggestion?.why).toBe('no single setting loosened within its range lets enough of these decisions pass: the most any one setting alone blocked is 5 of 35 (minConfidence), as several gates block these decisions at once');
  });

  it('too many approved: the rate is reported, with why no value can be judged', () => {
    const all = lowApprovalFixture().map((d) => ({ ...d, outcome: { decision: 'approved' as const, after: 60 } }));
    const approval = suggest(fixtureLog(all)).find((s) => s.metric === 'approval_rate');
    expect(approval?.rate).toBe(1);
    expect(approval?.change).toBeUndefined();
    expect(approval?.why).toMatch(/never put to you/);
  });
});
