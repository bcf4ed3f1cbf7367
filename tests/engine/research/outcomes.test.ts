import { describe, expect, it } from 'vitest';
import type { Bar } from '../../../src/engine/market/bars.js';
import { calculateCalibration } from '../../../src/engine/research/calculate-calibration.js';
import { calculateResearchStats } from '../../../src/engine/research/calculate-research-stats.js';
import { evaluateIdea, horizonEnd } from '../../../src/engine/research/evaluate-idea.js';
import type { ResearchIdeaRecord, ResearchRunRecord } from '../../../src/engine/research/research-records.js';
import { summarizePastIdeas } from '../../../src/engine/research/summarize-past-ideas.js';
import { updateIdeaOutcomes } from '../../../src/engine/research/update-idea-outcomes.js';
import { createResearchLog } from '../../../src/store/history/create-research-log.js';
import { createMemoryHistoryLog } from '../../helpers/memory-history-log.js';
import { toDecimal, type Decimal } from '../../../src/engine/money/decimal.js';

const DAY = 86_400_000;
const START = Date.parse('2026-11-02T00:00:00Z');

function idea(overrides: Partial<ResearchIdeaRecord> = {}): ResearchIdeaRecord {
  return {
    id: 'r1-1', runId: 'r1', accountId: 'paper', createdAt: '2026-11-02T13:00:00.000Z', model: 'claude-sonnet-5-5',
    symbol: 'BTC/USDT', side: 'buy', entry: { type: 'market' }, stop: '90', target: '120', horizonDays: 5, sizePct: 5, confidence: 0.7,
    thesis: 'pullback in an uptrend', risks: ['risk-off'], invalidation: 'close below 90', referencePrice: '100', notional: '5000', clamps: [],
    verdict: { kind: 'proposed', proposalId: 'p1' }, proposalState: 'pending', ...overrides,
  };
}

/** One daily bar per day from the idea's day on: [low, high, close]. */
const bars = (days: [number, number, number][]): Bar[] => days.map(([l, h, c], i) => ({ t: START + i * DAY, o: c, h, l, c, v: 1_000 }));

describe('idea outcomes', () => {
  it('waits for the horizon: five crypto days are five calendar days, five stock days seven', () => {
    expect(horizonEnd(idea()).toISOString(), 'crypto trades daily').toBe('2026-11-07T13:00:00.000Z');
    expect(horizonEnd(idea({ symbol: 'AAPL' })).toISOString(), '5 trading days ≈ 7 calendar days').toBe('2026-11-09T13:00:00.000Z');
    expect(evaluateIdea(idea(), bars([[99, 101, 100]]), undefined, new Date('2026-11-05T00:00:00Z')), 'before the horizon: nothing yet').toBeUndefined();
  });

  it('counts the target touched first as a hit, and the stop first as a miss even if the close ends up higher', () => {
    const now = new Date('2026-11-08T00:00:00Z');
    const target = evaluateIdea(idea(), bars([[99, 101, 100], [100, 121, 118], [95, 110, 105], [95, 110, 106], [95, 110, 107], [95, 110, 108], [95, 110, 109]]), undefined, now);
    expect(target, 'target on day 2').toMatchObject({ touched: 'target', hit: true, closePrice: '108', returnPct: 8 });
    const stopped = evaluateIdea(idea(), bars([[99, 101, 100], [89, 101, 95], [95, 125, 121], [95, 110, 111], [95, 110, 111], [95, 110, 111], [95, 110, 111]]), undefined, now);
    expect(stopped, 'stop on day 2 comes first').toMatchObject({ touched: 'stop', hit: false });
  });

  it('signs the return by side and gives a filled idea its result at the horizon, fees included', () => {
    const now = new Date('2026-11-08T00:00:00Z');
    const flat = bars(Array.from({ length: 7 }, () => [95, 105, 97] as [number, number, number]));
    const sell = evaluateIdea(idea({ side: 'sell', stop: '110', target: '80' }), flat, undefined, now);
    expect(sell, 'a sell gains when the price falls: 100 → 97 is +3%').toMatchObject({ touched: 'none', hit: true, returnPct: 3 });
    const filled = evaluateIdea(idea(), flat, { filledQuantity: '2', averagePrice: '100.5', fees: '0.4', slippage: '0.5' }, now);
    expect(filled?.executedPnl, '(97 − 100.5) × 2 − 0.4').toBe('-7.4');
  });

  it('updates open ideas from the bar store and the proposal, writing only what changed', async () => {
    const history = createMemoryHistoryLog();
    const log = createResearchLog(history, () => new Date('2026-11-08T00:00:00Z'));
    await log.append({ ideas: [idea(), idea({ id: 'r1-2', symbol: 'AAPL', verdict: { kind: 'blocked', proposalId: 'p2', gate: 'market_open', reason: 'closed' }, proposalState: undefined })] });
    const daily = bars(Array.from({ length: 7 }, () => [95, 105, 104] as [number, number, number]));
    const result = await updateIdeaOutcomes({
      log,
      getProposal: async (id) => (id === 'p1' ? ({ state: 'rejected' } as never) : undefined),
      bars: async (_venue, symbol) => (symbol === 'BTC/USDT' ? daily : []),
      barVenueOf: () => 'sim',
      clock: () => new Date('2026-11-08T00:00:00Z'),
    });
    expect(result, 'BTC evaluated; AAPL (no bars, stock horizon later) still open').toEqual({ evaluated: 1, refreshed: 0, open: 1 });
    expect(history.find<ResearchIdeaRecord>('research_idea', 'r1-1'), 'outcome and decision stored').toMatchObject({ proposalState: 'rejected', outcome: { returnPct: 4, hit: true } });
  });
});

describe('realized P&L of executed ideas', () => {
  it('keeps an evaluated, filled idea current with what its sells realized, and writes only when that changes', async () => {
    const history = createMemoryHistoryLog();
    const log = createResearchLog(history, () => new Date('2026-11-20T00:00:00Z'));
    const done = { evaluatedAt: '2026-11-08T00:00:00Z', closePrice: '104', returnPct: 4, touched: 'none' as const, hit: true, executedPnl: '7.6' };
    await log.append({ ideas: [idea({ proposalState: 'filled', outcome: done }), idea({ id: 'r1-2', verdict: { kind: 'proposed', proposalId: 'p2' }, proposalState: 'rejected', outcome: done })] });
    let sold = new Map<string, { quantity: Decimal; realized: Decimal }>();
    const update = () =>
      updateIdeaOutcomes({
        log,
        getProposal: async (id) => ({ state: id === 'p1' ? 'filled' : 'rejected' }) as never,
        bars: async () => [],
        barVenueOf: () => 'sim',
        realized: async () => sold,
        clock: () => new Date('2026-11-20T00:00:00Z'),
      });
    expect(await update(), 'still held after its horizon: nothing to write').toEqual({ evaluated: 0, refreshed: 0, open: 0 });
    sold = new Map([['p1', { quantity: toDecimal('2'), realized: toDecimal('11.256') }]]);
    expect(await update(), 'sold after its horizon: written again').toEqual({ evaluated: 0, refreshed: 1, open: 0 });
    expect(history.find<ResearchIdeaRecord>('research_idea', 'r1-1')?.realized, 'in money, to the cent').toEqual({ pnl: '11.26', quantity: '2' });
    expect(await update(), 'the same book again: nothing written').toEqual({ evaluated: 0, refreshed: 0, open: 0 });
  });
});

describe('calibration and statistics', () => {
  const evaluated = (confidence: number, hit: boolean, extra: Partial<ResearchIdeaRecord> = {}) =>
    idea({ confidence, outcome: { evaluatedAt: '2026-11-09T00:00:00Z', closePrice: '1', returnPct: hit ? 2 : -1, touched: 'none', hit }, ...extra });

  it('groups evaluated ideas by confidence: is a 0.8 idea right more often than a 0.6 one?', () => {
    const buckets = calculateCalibration([evaluated(0.62, true), evaluated(0.65, false), evaluated(0.66, false), evaluated(0.81, true), evaluated(0.85, true), evaluated(1, true), idea({ confidence: 0.82 })]);
    const rows = buckets.filter((b) => b.ideas > 0).map((b) => [b.label, b.evaluated, b.hits]);
    expect(rows, '0.6–0.7: 1 of 3; 0.8–0.9: 2 of 2 (one not evaluated); 1.0 counts in the last bucket').toEqual([
      ['0.6–0.7', 3, 1],
      ['0.8–0.9', 2, 2],
      ['0.9–1.0', 1, 1],
    ]);
  });

  it('compares approved with rejected ideas and prices each idea', () => {
    const runs = [{ accountId: 'paper', outcome: 'ok', costUsd: '0.03', usage: { input: 1, output: 1, cacheWrite: 0, cacheRead: 0 }, dropped: [{ reason: 'x' }] } as unknown as ResearchRunRecord];
    const ideas = [
      evaluated(0.7, true, { proposalState: 'filled', outcome: { evaluatedAt: 'x', closePrice: '1', returnPct: 4, touched: 'none', hit: true, executedPnl: '12.5' } }),
      evaluated(0.7, false, { id: 'b', proposalState: 'rejected' }),
      idea({ id: 'c', verdict: { kind: 'blocked', proposalId: 'p3', gate: 'cooldown', reason: 'r' }, proposalState: undefined }),
    ];
    const [stats] = calculateResearchStats(runs, ideas);
    expect(stats, 'per account').toMatchObject({
      accountId: 'paper',
      approvalRate: 0.5,
      approved: { ideas: 1, evaluated: 1, meanReturnPct: 4 },
      rejected: { ideas: 1, evaluated: 1, meanReturnPct: -1 },
      costPerProposed: '0.015',
      costPerExecuted: '0.03',
      executed: { ideas: 1, realizedPnl: {}, realizedIdeas: 0, horizonPnl: { USDT: '12.5' }, horizonIdeas: 1 },
      dropped: 1,
      byStatus: { filled: 1, rejected: 1, blocked: 1 },
    });
  });

  it('summarizes at most 20 past ideas, newest first, for the next run', () => {
    const many = Array.from({ length: 25 }, (_, i) => idea({ id: `i${i}`, createdAt: new Date(START + i * DAY).toISOString() }));
    const summary = summarizePastIdeas(many);
    expect(summary.count, 'bounded').toBe(20);
    expect(summary.lines[1]?.startsWith('2026-11-26|BTC/USDT|buy|0.70|pending|'), 'the newest first').toBe(true);
    expect(summary.lines.at(-1), 'hit rates close the section').toBe('hit rate by confidence (all evaluated ideas): no horizon has passed yet');
  });
});
