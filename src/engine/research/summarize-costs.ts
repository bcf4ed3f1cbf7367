import { toDecimal, toDecimalString, type DecimalString } from '../money/decimal.js';
import { startOfBudgetDay } from './check-budget.js';
import type { TokenUsage } from './price-table.js';
import type { ResearchRunRecord } from './research-records.js';

export interface CostLine {
  readonly accountId: string;
  readonly model: string;
  readonly runs: number;
  readonly usage: TokenUsage;
  /** Undefined when none of these runs had a price. */
  readonly costUsd?: DecimalString;
}

export interface CostWindow {
  readonly label: 'today' | '7 d' | '30 d';
  readonly lines: readonly CostLine[];
  readonly totalUsd: DecimalString;
  readonly totalTokens: number;
}

export interface ResearchCosts {
  readonly windows: readonly CostWindow[];
  readonly budgetUsd: DecimalString;
  readonly spentTodayUsd: DecimalString;
  /** Set once today's budget stopped a run: when. */
  readonly stoppedAt?: string;
}

const DAY_MS = 86_400_000;

/** `/research cost`: today (the budget's UTC day), 7 d and 30 d, by account and model. */
export function summarizeCosts(runs: readonly ResearchRunRecord[], now: Date, budgetUsd: DecimalString): ResearchCosts {
  const today = startOfBudgetDay(now).toISOString();
  const windows = ([['today', today], ['7 d', new Date(now.getTime() - 7 * DAY_MS).toISOString()], ['30 d', new Date(now.getTime() - 30 * DAY_MS).toISOString()]] as const).map(
    ([label, since]): CostWindow => summarizeWindow(label, runs.filter((r) => r.startedAt >= since)),
  );
  const stop = runs.find((r) => r.startedAt >= today && r.outcome === 'budget_spent');
  return { windows, budgetUsd, spentTodayUsd: windows[0]?.totalUsd ?? '0', ...(stop === undefined ? {} : { stoppedAt: stop.startedAt }) };
}

function summarizeWindow(label: CostWindow['label'], runs: readonly ResearchRunRecord[]): CostWindow {
  const groups = new Map<string, ResearchRunRecord[]>();
  for (const run of runs.filter((r) => r.outcome !== 'budget_spent')) {
    const key = `${run.accountId}\u0000${run.model}`;
    groups.set(key, [...(groups.get(key) ?? []), run]);
  }
  const lines = [...groups.values()].map((group): CostLine => {
    const priced = group.filter((r) => r.costUsd !== undefined);
    const usage = group.reduce((sum, r) => addUsage(sum, r.usage), { input: 0, output: 0, cacheWrite: 0, cacheRead: 0 });
    const cost = priced.reduce((sum, r) => sum.plus(r.costUsd ?? 0), toDecimal(0));
    return { accountId: group[0]?.accountId ?? '', model: group[0]?.model ?? '', runs: group.length, usage, ...(priced.length === 0 ? {} : { costUsd: toDecimalString(cost) }) };
  });
  const total = lines.reduce((sum, l) => sum.plus(l.costUsd ?? 0), toDecimal(0));
  const tokens = lines.reduce((sum, l) => sum + l.usage.input + l.usage.output + l.usage.cacheWrite + l.usage.cacheRead, 0);
  return { label, lines, totalUsd: toDecimalString(total), totalTokens: tokens };
}

export function addUsage(a: TokenUsage, b: TokenUsage): TokenUsage {
  return { input: a.input + b.input, output: a.output + b.output, cacheWrite: a.cacheWrite + b.cacheWrite, cacheRead: a.cacheRead + b.cacheRead };
}
