import { describe, expect, it } from 'vitest';
import { DEFAULT_GATES } from '../../../src/engine/gates/default-gates.js';
import { calculateCounterfactual } from '../../../src/engine/settings/calculate-counterfactual.js';
import { makeAccount } from '../gates/gate-fixtures.js';
import { fixtureDecisionLog } from './decision-fixtures.js';

/** The account now: minConfidence 0.6, max 5 open positions (gate-fixtures' defaults). */
const NOW = makeAccount();

describe('calculateCounterfactual on the fixture decision log (expectations worked out by hand in decision-fixtures.ts)', () => {
  const rows = fixtureDecisionLog();

  it('loosening minConfidence to 0.55 lets C (0.55) and D (0.58) pass: 6 → 8 of 12', () => {
    expect(calculateCounterfactual(rows, DEFAULT_GATES, NOW, 'minConfidence', 0.55)).toEqual({
      decisions: 12,
      withoutInputs: 1,
      // E F G H I pass, and L: recorded under 0.65, judged at the 0.6 in force now.
      passedBefore: 6,
      passedAfter: 8,
      unblocked: 2,
      insteadBlockedBy: {},
      newlyBlocked: 0,
      newlyBlockedWerePassing: 0,
    });
  });

  it('loosening to 0.5 frees A B C D and J, but J is then blocked by max_open_positions instead', () => {
    expect(calculateCounterfactual(rows, DEFAULT_GATES, NOW, 'minConfidence', 0.5)).toMatchObject({
      passedBefore: 6,
      passedAfter: 10,
      unblocked: 5,
      insteadBlockedBy: { max_open_positions: 1 },
      newlyBlocked: 0,
    });
  });

  it('tightening to 0.7 blocks E (0.6), F (0.65) and L (0.62), which had passed; K stays blocked by max_open_positions', () => {
    expect(calculateCounterfactual(rows, DEFAULT_GATES, NOW, 'minConfidence', 0.7)).toMatchObject({
      passedBefore: 6,
      passedAfter: 3,
      unblocked: 0,
      newlyBlocked: 3,
      newlyBlockedWerePassing: 3,
    });
  });

  it('raising maxOpenPositions to 6 frees K only: J is still below the minimum confidence', () => {
    expect(calculateCounterfactual(rows, DEFAULT_GATES, NOW, 'maxOpenPositions', 6)).toMatchObject({ passedBefore: 6, passedAfter: 7, unblocked: 1, insteadBlockedBy: {}, newlyBlocked: 0 });
  });

  it('a setting no blocking gate is near changes nothing: a cooldown with no recent approvals', () => {
    expect(calculateCounterfactual(rows, DEFAULT_GATES, NOW, 'cooldownMinutes', 240)).toMatchObject({ passedBefore: 6, passedAfter: 6, unblocked: 0, newlyBlocked: 0 });
  });

  it('keeps to the current profile as the baseline: with 0.65 in force, L is blocked before and after a change to 0.64', () => {
    const stricter = makeAccount({ minConfidence: 0.65 });
    const result = calculateCounterfactual(rows, DEFAULT_GATES, stricter, 'minConfidence', 0.64);
    expect(result, 'F (0.65), G, H, I pass at 0.65; 0.64 adds nobody (L is 0.62)').toMatchObject({ passedBefore: 4, passedAfter: 4, unblocked: 0 });
  });
});
