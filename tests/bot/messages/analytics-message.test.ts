import { describe, expect, it } from 'vitest';
import { shadowLines, windowLine } from '../../../src/bot/messages/analytics-message.js';
import { countDecisions } from '../../../src/engine/stats/calculate-approval-stats.js';

describe('analytics wording', () => {
  it('the what-if P&L reads as the issue asks: signed average, sample size, none yet', () => {
    const mark = (average: number | undefined, n: number) => ({ average, n });
    const lines = shadowLines({
      horizons: [{ label: '7 d', groups: { rejected: mark(0.021, 14), expired: mark(-0.0042, 3), blocked: mark(undefined, 0), approved: mark(0.008, 22) } }],
    });
    expect(lines[1]?.value).toBe('after 7 d: what you rejected: +2.1% avg (n = 14) · what you let expire: -0.4% avg (n = 3) · what the gates blocked: none yet · what you approved: +0.8% avg (n = 22)');
  });

  it('a window line keeps "of decided" and counts those awaiting apart', () => {
    const decisions = countDecisions([]);
    expect(windowLine({ window: { label: '1 d', days: 1 }, evaluated: 0, proposed: 0, passRate: undefined, decisions })).toBe('1 d: pass — · nothing decided');
  });
});
