import { describe, expect, it } from 'vitest';
import { statsMessage } from '../../../src/bot/messages/stats-message.js';
import type { DecisionCounts } from '../../../src/engine/stats/calculate-approval-stats.js';

const counts = (c: Partial<DecisionCounts>): DecisionCounts => ({
  proposals: 0,
  approved: 0,
  rejected: 0,
  expired: 0,
  approvalRate: undefined,
  rejectionRate: undefined,
  expiryRate: undefined,
  medianSecondsToDecision: undefined,
  ...c,
});

describe('/stats', () => {
  it('stats percentages say they are of decided proposals, and the ones awaiting a tap are apart', () => {
    const today = counts({ proposals: 3, approved: 1, rejected: 1, approvalRate: 0.5, rejectionRate: 0.5, expiryRate: 0, medianSecondsToDecision: 90 });
    const text = statsMessage({ windows: [{ label: 'today', counts: today }], byAccount: { paper: counts({ proposals: 1 }) }, bySource: {} }).value;
    expect(text, 'the header says what the shares are of').toContain('shares of decided proposals: approved, rejected or expired');
    expect(text, '50% of the 2 decided, not of the 3 proposals').toContain(
      '<b>today</b>: 3 proposals, 2 decided, 1 awaiting · approved 1 (50% of decided) · rejected 1 (50%) · expired 0 (0%) · median time to decide 1m 30s',
    );
    expect(text, 'nothing decided: no shares, and "1 proposal"').toContain('<b>paper</b>: 1 proposal, 0 decided, 1 awaiting · approved 0 · rejected 0 · expired 0');
  });
});
