import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { eventAlert } from '../../src/alerts/alert-table.js';
import { checkBudget } from '../../src/engine/research/check-budget.js';
import { DEFAULT_PRICES } from '../../src/engine/research/price-table.js';
import type { ResearchRunRecord } from '../../src/engine/research/research-records.js';
import { ANTHROPIC, anthropicFixture, createResearchHarness } from './research-harness.js';

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
  nock.cleanAll();
  vi.useRealTimers();
});

/** The faked Date is the harness clock: the budget day follows the fake timers. */
const fakeClock = () => ({ now: () => new Date(), advance: (ms: number) => vi.advanceTimersByTime(ms), set: (iso: string) => vi.setSystemTime(new Date(iso)) });

describe('the daily budget', () => {
  it('stops research once the next call could pass it, with one WARNING, until 00:00 UTC', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-20T23:40:00Z'));
    const h = await createResearchHarness({ env: { RESEARCH_DAILY_BUDGET_USD: '0.05' }, clock: fakeClock() });
    const run = async () => {
      const result = await h.research.run({ accountId: 'paper', trigger: 'manual' });
      if (result.kind !== 'done') throw new Error(result.kind);
      return result.report.run;
    };
    nock(ANTHROPIC).post('/v1/messages').once().reply(200, anthropicFixture('message-structured'));
    const first = await run();
    expect([first.outcome, first.costUsd], 'the first run fits: $0.0191 spent').toEqual(['ok', '0.019092']);

    const second = await run();
    expect(second.outcome, 'spent $0.0191 + up to ~$0.05 for the next call > $0.05').toBe('budget_spent');
    expect(second.detail, 'says why and until when').toMatch(/^research stopped until 00:00 UTC: \$0\.0191 spent today, and this run could cost up to \$0\.0\d{3}: over the daily budget of \$0\.05 \(RESEARCH_DAILY_BUDGET_USD\)$/);
    vi.setSystemTime(new Date('2026-11-20T23:59:30Z'));
    expect((await run()).outcome, 'still the same UTC day: still stopped, and no call was made').toBe('budget_spent');
    const warnings = h.problems().map((problem) => eventAlert({ type: 'research_problem', problem }));
    expect(warnings.map((w) => [w?.severity, w?.type]), 'one WARNING for the day, not one per run').toEqual([['WARNING', 'research_budget_spent']]);
    expect(warnings[0]?.dedupeKey, 'keyed by the day').toBe('research_budget_spent:2026-11-20');

    vi.setSystemTime(new Date('2026-11-21T00:00:30Z'));
    nock(ANTHROPIC).post('/v1/messages').once().reply(200, anthropicFixture('message-structured'));
    const next = await run();
    expect(next.outcome, 'a new UTC day, a new budget: the call went out').toBe('ok');
    expect(nock.isDone(), 'the API was called').toBe(true);
    expect(h.problems().length, 'no new warning').toBe(1);
  });

  it('counts tokens for a model without a price (RESEARCH_DAILY_TOKEN_BUDGET)', () => {
    const settings = { model: 'gateway-model-x', maxTokens: 1_000, dailyBudgetUsd: '2', dailyTokenBudget: 10_000, prices: DEFAULT_PRICES };
    const spent = [{ usage: { input: 5_000, output: 500, cacheWrite: 0, cacheRead: 1_000 } } as ResearchRunRecord];
    expect(checkBudget(settings, [], { total: 3_000, prefix: 1_000 }).ok, 'nothing used yet: 4,000 of 10,000').toBe(true);
    const stopped = checkBudget(settings, spent, { total: 3_000, prefix: 1_000 });
    expect(stopped.ok, '6,500 used + up to 4,000 > 10,000').toBe(false);
    expect(!stopped.ok && stopped.reason, 'names the setting').toContain('RESEARCH_DAILY_TOKEN_BUDGET');
  });

  it('finds the price of a dated snapshot of a listed model', () => {
    const settings = { model: 'claude-haiku-4-5-20251001', maxTokens: 1_000, dailyBudgetUsd: '0.01', dailyTokenBudget: 0, prices: DEFAULT_PRICES };
    const verdict = checkBudget(settings, [], { total: 2_000, prefix: 1_000 });
    expect(verdict.ok && verdict.estimateUsd, '1,000×$1.25 + 1,000×$1 + 1,000×$5 per million, in dollars').toBe('0.00725');
  });
});
