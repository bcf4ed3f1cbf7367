import { getAssetClass } from '../market/asset-class.js';
import type { Bar } from '../market/bars.js';
import { toDecimal, toDecimalString } from '../money/decimal.js';
import type { FillSummary } from '../proposals/proposal.js';
import type { IdeaOutcome, ResearchIdeaRecord } from './research-records.js';

const DAY_MS = 86_400_000;

/**
 * When an idea's horizon ends. Stocks trade five days a week, so N trading days are about
 * N × 7/5 calendar days; crypto trades every day.
 */
export function horizonEnd(idea: Pick<ResearchIdeaRecord, 'createdAt' | 'horizonDays' | 'symbol'>): Date {
  const calendarDays = getAssetClass(idea.symbol) === 'crypto' ? idea.horizonDays : Math.ceil((idea.horizonDays * 7) / 5);
  return new Date(Date.parse(idea.createdAt) + calendarDays * DAY_MS);
}

/**
 * The idea against the daily bars from its creation to its horizon: which level was
 * touched first (a day that touched both counts as the stop: the cautious reading), and
 * the close the horizon ended on. Undefined until bars reach the horizon.
 */
export function evaluateIdea(idea: ResearchIdeaRecord, daily: readonly Bar[], fill: FillSummary | undefined, now: Date): IdeaOutcome | undefined {
  const from = Date.parse(idea.createdAt);
  const end = horizonEnd(idea).getTime();
  if (now.getTime() < end) return undefined;
  // Days that began after the idea: the day it was made in held prices from before it.
  const window = daily.filter((bar) => bar.t >= from && bar.t < end);
  const last = window.at(-1);
  // A weekend and a holiday can stand between a stock's last bar and its horizon.
  const slack = getAssetClass(idea.symbol) === 'crypto' ? 2 * DAY_MS : 5 * DAY_MS;
  if (last === undefined || last.t < end - slack) return undefined;
  const sign = idea.side === 'buy' ? 1 : -1;
  const reference = Number(idea.referencePrice);
  const returnPct = (last.c / reference - 1) * 100 * sign;
  const touched = firstTouch(idea, window);
  const outcome: IdeaOutcome = {
    evaluatedAt: now.toISOString(),
    closePrice: toDecimalString(last.c),
    returnPct: Math.round(returnPct * 100) / 100,
    touched,
    hit: touched === 'target' || (touched === 'none' && returnPct > 0),
  };
  if (fill === undefined || toDecimal(fill.filledQuantity).isZero()) return outcome;
  const pnl = toDecimal(last.c).minus(fill.averagePrice).mul(fill.filledQuantity).mul(sign).minus(fill.fees);
  return { ...outcome, executedPnl: toDecimalString(pnl.toDecimalPlaces(2)) };
}

function firstTouch(idea: ResearchIdeaRecord, bars: readonly Bar[]): IdeaOutcome['touched'] {
  const stop = Number(idea.stop);
  const target = Number(idea.target);
  for (const bar of bars) {
    const stopped = idea.side === 'buy' ? bar.l <= stop : bar.h >= stop;
    if (stopped) return 'stop';
    const reached = idea.side === 'buy' ? bar.h >= target : bar.l <= target;
    if (reached) return 'target';
  }
  return 'none';
}
