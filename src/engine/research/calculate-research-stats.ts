import { toDecimal, toDecimalString, type Decimal, type DecimalString } from '../money/decimal.js';
import { quoteCurrencyOf } from '../text/format-number.js';
import { calculateCalibration, type CalibrationBucket } from './calculate-calibration.js';
import { approvalRate, getIdeaStatus, isApproved, type IdeaStatus } from './idea-status.js';
import type { ResearchIdeaRecord, ResearchRunRecord } from './research-records.js';

/** Mean return over the horizon of a group of ideas, traded or not ("shadow" for the rejected). */
export interface ShadowReturn {
  readonly ideas: number;
  readonly evaluated: number;
  readonly meanReturnPct?: number;
}

export interface AccountResearchStats {
  readonly accountId: string;
  readonly runs: number;
  readonly ideas: number;
  readonly dropped: number;
  readonly byStatus: Readonly<Partial<Record<IdeaStatus, number>>>;
  readonly approvalRate?: number;
  readonly calibration: readonly CalibrationBucket[];
  readonly approved: ShadowReturn;
  readonly rejected: ShadowReturn;
  readonly costUsd: DecimalString;
  /** Cost of all runs over the ideas that reached the approvers; undefined with none. */
  readonly costPerProposed?: DecimalString;
  /** Over the ideas that filled. */
  readonly costPerExecuted?: DecimalString;
  /** Ideas that filled, and what became of them in money (fees included). */
  readonly executed: ExecutedResult;
}

/** Money by quote currency: a stock's USD and a pair's USDT are never added up. */
export type ByCurrency = Readonly<Record<string, DecimalString>>;

export interface ExecutedResult {
  readonly ideas: number;
  /** What sells realized on them (FIFO, the /pnl book), over the ideas with any sold. */
  readonly realizedPnl: ByCurrency;
  readonly realizedIdeas: number;
  /** Marked at the close their horizon ended on, over the ideas whose horizon passed. */
  readonly horizonPnl: ByCurrency;
  readonly horizonIdeas: number;
}

/** `/research stats`, per account: calibration, approved against rejected, cost per idea. */
export function calculateResearchStats(runs: readonly ResearchRunRecord[], ideas: readonly ResearchIdeaRecord[]): AccountResearchStats[] {
  const accounts = [...new Set([...runs.map((r) => r.accountId), ...ideas.map((i) => i.accountId)])].sort();
  return accounts.map((accountId) => statsOf(accountId, runs.filter((r) => r.accountId === accountId), ideas.filter((i) => i.accountId === accountId)));
}

function statsOf(accountId: string, runs: readonly ResearchRunRecord[], ideas: readonly ResearchIdeaRecord[]): AccountResearchStats {
  const statuses = ideas.map(getIdeaStatus);
  const byStatus: Partial<Record<IdeaStatus, number>> = {};
  for (const status of statuses) byStatus[status] = (byStatus[status] ?? 0) + 1;
  const cost = runs.reduce((sum, r) => sum.plus(r.costUsd ?? 0), toDecimal(0));
  const proposed = ideas.filter((i) => i.verdict.kind === 'proposed').length;
  const executed = statuses.filter((s) => s === 'filled').length;
  const per = (n: number) => (n === 0 ? undefined : toDecimalString(cost.div(n).toDecimalPlaces(4)));
  const perProposed = per(proposed);
  const perExecuted = per(executed);
  const rate = approvalRate(statuses);
  return {
    accountId,
    runs: runs.filter((r) => r.outcome !== 'budget_spent').length,
    ideas: ideas.length,
    dropped: runs.reduce((n, r) => n + r.dropped.length, 0),
    byStatus,
    ...(rate === undefined ? {} : { approvalRate: rate }),
    calibration: calculateCalibration(ideas),
    approved: shadowReturn(ideas.filter((_, i) => isApproved(statuses[i] ?? 'pending'))),
    rejected: shadowReturn(ideas.filter((_, i) => statuses[i] === 'rejected')),
    costUsd: toDecimalString(cost),
    ...(perProposed === undefined ? {} : { costPerProposed: perProposed }),
    ...(perExecuted === undefined ? {} : { costPerExecuted: perExecuted }),
    executed: executedResult(ideas.filter((i) => i.realized !== undefined || i.outcome?.executedPnl !== undefined), executed),
  };
}

function executedResult(ideas: readonly ResearchIdeaRecord[], filled: number): ExecutedResult {
  const realized = ideas.filter((i) => i.realized !== undefined);
  const marked = ideas.filter((i) => i.outcome?.executedPnl !== undefined);
  return {
    ideas: filled,
    realizedPnl: sumByCurrency(realized, (i) => i.realized?.pnl),
    realizedIdeas: realized.length,
    horizonPnl: sumByCurrency(marked, (i) => i.outcome?.executedPnl),
    horizonIdeas: marked.length,
  };
}

function sumByCurrency(ideas: readonly ResearchIdeaRecord[], amount: (idea: ResearchIdeaRecord) => DecimalString | undefined): ByCurrency {
  const sums = new Map<string, Decimal>();
  for (const idea of ideas) {
    const currency = quoteCurrencyOf(idea.symbol);
    sums.set(currency, (sums.get(currency) ?? toDecimal(0)).plus(amount(idea) ?? 0));
  }
  return Object.fromEntries([...sums].sort(([a], [b]) => a.localeCompare(b)).map(([currency, sum]) => [currency, toDecimalString(sum)]));
}

function shadowReturn(ideas: readonly ResearchIdeaRecord[]): ShadowReturn {
  const returns = ideas.flatMap((i) => (i.outcome === undefined ? [] : [i.outcome.returnPct]));
  const mean = returns.length === 0 ? undefined : returns.reduce((a, b) => a + b, 0) / returns.length;
  return { ideas: ideas.length, evaluated: returns.length, ...(mean === undefined ? {} : { meanReturnPct: mean }) };
}
