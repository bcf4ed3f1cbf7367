import { describe, expect, it } from 'vitest';
import { calculateRateTable } from '../../../src/engine/stats/calculate-rate-table.js';
import { DAY, fixtureLog, HOUR, NOW, type FixtureDecision } from './analytics-fixtures.js';

/**
 * | id | source         | age  | gates   | person              |
 * |----|----------------|------|---------|---------------------|
 * | d1 | manual         | 2 h  | pass    | approved after 60 s |
 * | d2 | strategy:dca   | 3 h  | pass    | rejected after 180 s|
 * | d3 | strategy:dca   | 3 d  | blocked |                     |
 * | d4 | strategy:swing | 3 d  | pass    | expired             |
 * | d5 | research       | 10 d | pass    | approved after 300 s|
 * | d6 | signal:tv      | 20 d | blocked |                     |
 */
const FIXTURE: FixtureDecision[] = [
  { id: 'd1', source: 'manual', age: 2 * HOUR, confidence: 0.7, outcome: { decision: 'approved', after: 60 } },
  { id: 'd2', source: 'strategy:dca', age: 3 * HOUR, confidence: 0.7, outcome: { decision: 'rejected', after: 180 } },
  { id: 'd3', source: 'strategy:dca', age: 3 * DAY, confidence: 0.5 },
  { id: 'd4', source: 'strategy:swing', age: 3 * DAY, confidence: 0.7, outcome: 'expired' },
  { id: 'd5', source: 'research', age: 10 * DAY, confidence: 0.7, outcome: { decision: 'approved', after: 300 } },
  { id: 'd6', source: 'signal:tv', age: 20 * DAY, confidence: 0.4 },
];

describe('calculateRateTable on a hand-counted log', () => {
  const { rows, proposals } = fixtureLog(FIXTURE);
  const table = calculateRateTable(rows, proposals, NOW);
  const group = (kind: string, key: string) => table.find((g) => g.kind === kind && g.key === key);
  const summary = (kind: string, key: string) =>
    group(kind, key)?.windows.map((w) => [w.window.label, w.evaluated, w.proposed, w.passRate, w.decisions.approvalRate, w.decisions.expiryRate, w.decisions.medianSecondsToDecision]);

  it('all decisions: 1 d 2 of 2 pass, 1 of 2 approved; 7 d 3 of 4, 1 of 3; 30 d 4 of 6, 2 of 4 with 1 expiry', () => {
    expect(summary('all', '')).toEqual([
      ['1 d', 2, 2, 1, 0.5, 0, 120],
      ['7 d', 4, 3, 0.75, 1 / 3, 1 / 3, 120],
      ['30 d', 6, 4, 4 / 6, 0.5, 0.25, 180],
    ]);
  });

  it('groups in order: all, the account, kinds of source, strategies by name', () => {
    expect(table.map((g) => `${g.kind}:${g.key}`)).toEqual(['all:', 'account:main', 'source:manual', 'source:research', 'source:signal', 'source:strategy', 'strategy:dca', 'strategy:swing']);
  });

  it('by source and strategy over 30 d: strategies 2 of 3 pass; dca 1 of 2 pass, its one decided proposal rejected', () => {
    expect(summary('source', 'strategy')?.[2]).toEqual(['30 d', 3, 2, 2 / 3, 0, 0.5, 180]);
    expect(summary('strategy', 'dca')?.[2]).toEqual(['30 d', 2, 1, 0.5, 0, 0, 180]);
    expect(summary('source', 'signal')?.[2], 'a blocked signal has no proposal: no approval rate').toEqual(['30 d', 1, 0, 0, undefined, undefined, undefined]);
  });
});
