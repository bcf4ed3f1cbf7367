import { toDecimal, toDecimalString, type DecimalString } from '../money/decimal.js';
import { calculateCost, findPrice, totalTokens, type PriceTable } from './price-table.js';
import type { ResearchRunRecord } from './research-records.js';

export interface BudgetSettings {
  readonly model: string;
  readonly maxTokens: number;
  readonly dailyBudgetUsd: DecimalString;
  /** For models without a price. */
  readonly dailyTokenBudget: number;
  readonly prices: PriceTable;
}

export type BudgetVerdict =
  | { readonly ok: true; readonly estimateUsd?: DecimalString; readonly estimateTokens: number }
  | { readonly ok: false; readonly reason: string };

/** The budget is per UTC day: it resets at 00:00 UTC. */
export function startOfBudgetDay(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

/**
 * Checked before every call, on the worst case of that call: the cacheable prefix written
 * to the cache, the rest as plain input, and every allowed output token. A model with a
 * price is held to the dollar budget; one without a price to the token budget.
 */
export function checkBudget(settings: BudgetSettings, runsToday: readonly ResearchRunRecord[], estimate: { total: number; prefix: number }): BudgetVerdict {
  const price = findPrice(settings.prices, settings.model);
  const worstTokens = estimate.total + settings.maxTokens;
  if (price === undefined) {
    const spent = runsToday.reduce((sum, run) => sum + totalTokens(run.usage), 0);
    if (spent + worstTokens <= settings.dailyTokenBudget) return { ok: true, estimateTokens: estimate.total };
    return {
      ok: false,
      reason: `${settings.model} has no price, so research counts tokens: ${spent.toLocaleString('en-US')} used today, and this run could take up to ${worstTokens.toLocaleString('en-US')} of the ${settings.dailyTokenBudget.toLocaleString('en-US')} allowed (RESEARCH_DAILY_TOKEN_BUDGET)`,
    };
  }
  const spent = runsToday.reduce((sum, run) => sum.plus(run.costUsd ?? 0), toDecimal(0));
  const worst = toDecimal(calculateCost({ input: estimate.total - estimate.prefix, cacheWrite: estimate.prefix, cacheRead: 0, output: settings.maxTokens }, price));
  if (spent.plus(worst).lte(settings.dailyBudgetUsd)) return { ok: true, estimateUsd: toDecimalString(worst), estimateTokens: estimate.total };
  return {
    ok: false,
    reason: `$${spent.toFixed(4)} spent today, and this run could cost up to $${worst.toFixed(4)}: over the daily budget of $${toDecimal(settings.dailyBudgetUsd).toFixed(2)} (RESEARCH_DAILY_BUDGET_USD)`,
  };
}
