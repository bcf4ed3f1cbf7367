import { describe, expect, it } from 'vitest';
import { DEFAULT_GATES } from '../../../src/engine/gates/default-gates.js';
import type { Bar } from '../../../src/engine/market/bars.js';
import { createApprovalAnalytics } from '../../../src/engine/stats/create-approval-analytics.js';
import type { DecisionRow } from '../../../src/engine/settings/decision-row.js';
import { createMemoryBarStore } from '../../helpers/memory-bar-store.js';
import { makeAccount } from '../gates/gate-fixtures.js';
import { DAY, fixtureLog, HOUR, NOW, type FixtureDecision } from './analytics-fixtures.js';

/** Hourly BTC/USDT bars whose open falls by 1 per day of age: 130 − age in days (100 thirty days ago, 130 now). */
function fixtureBars(): Bar[] {
  const bars: Bar[] = [];
  for (let t = NOW.getTime() - 31 * DAY; t < NOW.getTime(); t += HOUR) {
    const price = 130 - (NOW.getTime() - t) / DAY;
    bars.push({ t, o: price, h: price, l: price, c: price, v: 1 });
  }
  return bars;
}

/**
 * Each decision's reference is the price when it was made (130 − age), so after 1 d a buy
 * is up 1 / reference and after 7 d 7 / reference; a sell the opposite.
 *
 * | id | what            | age   | reference | 1 d       | 7 d      |
 * |----|-----------------|-------|-----------|-----------|----------|
 * | a1 | approved buy    | 20 d  | 110       | +1/110    | +7/110   |
 * | a2 | approved buy    | 10 d  | 120       | +1/120    | +7/120   |
 * | r1 | rejected buy    | 10 d  | 120       | +1/120    | +7/120   |
 * | e1 | expired buy     | 20 d  | 110       | +1/110    | +7/110   |
 * | b1 | blocked sell (nothing to sell) | 5 d | 125 | −1/125 | ahead: left out |
 * | b2 | blocked buy (confidence 0.4)   | 12 h | 129.5 | ahead | ahead   |
 */
const FIXTURE: FixtureDecision[] = [
  { id: 'a1', age: 20 * DAY, price: 110, confidence: 0.7, outcome: { decision: 'approved', after: 60 } },
  { id: 'a2', age: 10 * DAY, price: 120, confidence: 0.7, outcome: { decision: 'approved', after: 60 } },
  { id: 'r1', age: 10 * DAY, price: 120, confidence: 0.7, outcome: { decision: 'rejected', after: 60 } },
  { id: 'e1', age: 20 * DAY, price: 110, confidence: 0.7, outcome: 'expired' },
  { id: 'b1', age: 5 * DAY, price: 125, confidence: 0.7, side: 'sell' },
  { id: 'b2', age: 12 * HOUR, price: 129.5, confidence: 0.4 },
];

describe('shadow P&L on fixture bars', () => {
  it('marks what was rejected, let expire and blocked against what was approved, at 1 d and 7 d', async () => {
    const { rows, proposals } = fixtureLog(FIXTURE);
    expect(rows.map((r) => r.outcome), 'b1 and b2 are blocked, the rest proposed').toEqual(['proposed', 'proposed', 'proposed', 'proposed', 'blocked', 'blocked']);
    const bars = createMemoryBarStore();
    await bars.append({ venue: 'sim', symbol: 'BTC/USDT', timeframe: '1h' }, fixtureBars());
    const analytics = createApprovalAnalytics({
      decisions: { append: async () => undefined, readRecent: async () => [], since: async (from) => rows.filter((r: DecisionRow) => r.at >= from.getTime()) },
      proposalsSince: async () => proposals,
      profiles: () => [makeAccount()],
      gates: DEFAULT_GATES,
      clock: () => NOW,
      bars,
      barVenueOf: () => 'sim',
    });
    const { horizons } = await analytics.shadow();
    const close = (value: number | undefined) => Number(value?.toFixed(12));
    const [oneDay, sevenDays] = horizons.map((h) => ({
      label: h.label,
      ...Object.fromEntries(Object.entries(h.groups).map(([g, m]) => [g, [close(m.average), m.n]])),
    }));
    expect(oneDay).toEqual({
      label: '1 d',
      approved: [close((1 / 110 + 1 / 120) / 2), 2],
      rejected: [close(1 / 120), 1],
      expired: [close(1 / 110), 1],
      blocked: [close(-1 / 125), 1],
    });
    expect(sevenDays).toEqual({
      label: '7 d',
      approved: [close((7 / 110 + 7 / 120) / 2), 2],
      rejected: [close(7 / 120), 1],
      expired: [close(7 / 110), 1],
      blocked: [Number.NaN, 0],
    });
  });
});
