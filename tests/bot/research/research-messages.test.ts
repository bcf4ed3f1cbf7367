import { describe, expect, it } from 'vitest';
import { researchCostMessage } from '../../../src/bot/research/research-cost-message.js';
import { researchStatsMessage } from '../../../src/bot/research/research-stats-message.js';
import { researchSummaryMessage } from '../../../src/bot/research/research-summary-message.js';
import type { AccountResearchStats } from '../../../src/engine/research/calculate-research-stats.js';
import type { ResearchRunRecord } from '../../../src/engine/research/research-records.js';
import { summarizeCosts } from '../../../src/engine/research/summarize-costs.js';

function run(overrides: Partial<ResearchRunRecord>): ResearchRunRecord {
  return {
    id: 'r1', accountId: 'spicy', live: true, trigger: 'schedule', model: 'claude-sonnet-5-5', startedAt: '2026-11-20T13:00:00.000Z', finishedAt: '2026-11-20T13:00:20.000Z',
    outcome: 'ok', usage: { input: 1200, output: 300, cacheWrite: 0, cacheRead: 2400 }, costUsd: '0.00588', universe: 8, symbolsWithData: 8, estimatedInputTokens: 3900, ideaIds: [], dropped: [],
    ...overrides,
  };
}

describe('research messages', () => {
  it('says LIVE, and why no ideas were taken from a refused run', () => {
    const text = researchSummaryMessage({ run: run({ outcome: 'refused', detail: 'Claude declined this request; no ideas were taken.' }), ideas: [] }, { spentTodayUsd: '0.00588', budgetUsd: '2' }).value;
    expect(text.split('\n'), 'badge, what ran, why nothing came of it, the cost').toEqual([
      '🔴 <b>LIVE</b> · 🔎 <b>Research</b> · account spicy',
      'claude-sonnet-5-5 · 8 symbols',
      '⚠️ No ideas taken: Claude declined this request; no ideas were taken.',
      'Tokens: 3,600 in (2,400 from cache) · 300 out · cost $0.0059 · today $0.0059 of $2.00',
    ]);
  });

  it('shows a budget stop without a cost line', () => {
    const text = researchSummaryMessage({ run: run({ live: false, outcome: 'budget_spent', detail: 'research stopped until 00:00 UTC: $1.9800 spent today', usage: { input: 0, output: 0, cacheWrite: 0, cacheRead: 0 } }), ideas: [] }, undefined).value;
    expect(text, 'paused, with the reason').toBe('📄 <b>PAPER</b> · 🔎 <b>Research</b> · account spicy\nclaude-sonnet-5-5 · 8 symbols\n⏸ Not run: research stopped until 00:00 UTC: $1.9800 spent today');
  });

  it('escapes the market view the model wrote', () => {
    const text = researchSummaryMessage({ run: run({ marketView: 'Risk <b>on</b> & rising' }), ideas: [] }, undefined).value;
    expect(text, 'model text is never markup').toContain('<i>View:</i> Risk &lt;b&gt;on&lt;/b&gt; &amp; rising');
  });

  it('sums costs by account and model for today, 7 d and 30 d', () => {
    const now = new Date('2026-11-20T20:00:00Z');
    const costs = summarizeCosts([run({}), run({ id: 'r2', startedAt: '2026-11-15T13:00:00.000Z', costUsd: '0.01' }), run({ id: 'r3', startedAt: '2026-11-20T14:00:00.000Z', outcome: 'budget_spent', costUsd: '0', usage: { input: 0, output: 0, cacheWrite: 0, cacheRead: 0 } })], now, '2');
    const text = researchCostMessage(costs, { mode: 'live', enabled: true, now }).value;
    expect(text.split('\n'), 'today, the week and the month, and the stop').toEqual([
      '🔴 <b>LIVE</b> · 🔎 <b>Research cost</b> (days end at 00:00 UTC)',
      'Today: $0.0059 of the $2.00 daily budget, stopped at 14:00 UTC until 00:00 UTC',
      '<b>today</b>: $0.0059 · 3,900 tokens',
      '  spicy · claude-sonnet-5-5: 1 run, $0.0059, 3,600 in (2,400 from cache) · 300 out',
      '<b>7 d</b>: $0.0159 · 7,800 tokens',
      '  spicy · claude-sonnet-5-5: 2 runs, $0.0159, 7,200 in (4,800 from cache) · 600 out',
      '<b>30 d</b>: $0.0159 · 7,800 tokens',
      '  spicy · claude-sonnet-5-5: 2 runs, $0.0159, 7,200 in (4,800 from cache) · 600 out',
    ]);
  });

  it('shows per account the hit rate by confidence, approved against rejected, what executed ideas made, and the cost per idea', () => {
    const stats: AccountResearchStats = {
      accountId: 'steady', runs: 4, ideas: 6, dropped: 1, byStatus: { filled: 3, rejected: 2, blocked: 1 }, approvalRate: 0.6,
      calibration: [
        { label: '0.6–0.7', from: 0.6, to: 0.7, ideas: 3, evaluated: 3, hits: 1, hitRate: 1 / 3 },
        { label: '0.8–0.9', from: 0.8, to: 0.9, ideas: 3, evaluated: 2, hits: 2, hitRate: 1 },
      ],
      approved: { ideas: 3, evaluated: 3, meanReturnPct: 3.25 }, rejected: { ideas: 2, evaluated: 1, meanReturnPct: -1.5 },
      costUsd: '0.08', costPerProposed: '0.016', costPerExecuted: '0.0267',
      executed: { ideas: 3, realizedPnl: { USDT: '-3.1' }, realizedIdeas: 1, horizonPnl: { USD: '12', USDT: '41.2' }, horizonIdeas: 3 },
    };
    const text = researchStatsMessage([stats], { isLive: () => false, days: 90, enabled: true }).value;
    expect(text.split('\n').slice(2), 'the lines a trader reads, after the heading and a blank line').toEqual([
      '<b>steady</b> (PAPER) · 4 runs · 6 ideas: 3 filled, 2 rejected, 1 blocked · 1 dropped as invalid',
      'Approval rate: 60%',
      'Hit rate by confidence:',
      '  0.6–0.7: 1/3 right (33%)',
      '  0.8–0.9: 2/2 right (100%)',
      'Return over the horizon: approved +3.3% average over 3 · rejected (not traded) -1.5% average over 1',
      'Executed ideas: 3 · realized -3.10 USDT on 1 · +12.00 USD, +41.20 USDT at the horizon over 3 (fees included)',
      'Cost: $0.0800 · per proposed idea $0.0160 · per executed idea $0.0267',
    ]);
  });
});
