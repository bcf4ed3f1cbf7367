import type { Decimal } from '../money/decimal.js';
import { exact, sum, ZERO } from './exact-decimal.js';

/** One closed trade's result, at the time it closed. */
export interface RealizedEvent {
  readonly at: string;
  readonly realized: Decimal;
}

/** Peak-to-trough fall of the realized equity curve; `pct` of the equity at the peak, when capital is known. */
export interface Drawdown {
  readonly amount: Decimal;
  readonly pct: number | undefined;
}

/** Money in quote currency; ratios as numbers (they are shown, never summed). */
export interface PnlStats {
  readonly realized: Decimal;
  readonly unrealized: Decimal;
  readonly total: Decimal;
  readonly fees: Decimal;
  readonly trades: number;
  readonly wins: number;
  readonly losses: number;
  /** Winning trades over all closed trades (break-even ones count as neither); undefined with none. */
  readonly winRate: number | undefined;
  readonly grossWin: Decimal;
  /** Positive: the sum of the losing trades' losses. */
  readonly grossLoss: Decimal;
  readonly averageWin: Decimal | undefined;
  /** Negative: the mean of the losing trades. */
  readonly averageLoss: Decimal | undefined;
  /** Gross win / gross loss; undefined with no losses. */
  readonly profitFactor: Decimal | undefined;
  readonly maxDrawdown: Drawdown;
}

export interface PnlStatsInput {
  readonly events: readonly RealizedEvent[];
  readonly unrealized: Decimal;
  readonly fees: Decimal;
  /** What the curve starts from, for the drawdown in %. */
  readonly capital?: Decimal | undefined;
}

/** The statistics with some unrealized P&L on top (it only moves `unrealized` and `total`). */
export function withUnrealized(stats: PnlStats, unrealized: Decimal): PnlStats {
  const exactUnrealized = exact(unrealized);
  return { ...stats, unrealized: exactUnrealized, total: stats.realized.plus(exactUnrealized) };
}

export function calculatePnlStats(input: PnlStatsInput): PnlStats {
  const events = sortEvents(input.events);
  const results = events.map((e) => exact(e.realized));
  const wins = results.filter((r) => r.gt(0));
  const losses = results.filter((r) => r.lt(0));
  const realized = sum(results);
  const grossWin = sum(wins);
  const grossLoss = sum(losses).neg();
  const unrealized = exact(input.unrealized);
  return {
    realized,
    unrealized,
    total: realized.plus(unrealized),
    fees: exact(input.fees),
    trades: results.length,
    wins: wins.length,
    losses: losses.length,
    winRate: results.length === 0 ? undefined : wins.length / results.length,
    grossWin,
    grossLoss,
    averageWin: wins.length === 0 ? undefined : grossWin.div(wins.length),
    averageLoss: losses.length === 0 ? undefined : grossLoss.neg().div(losses.length),
    profitFactor: losses.length === 0 ? undefined : grossWin.div(grossLoss),
    maxDrawdown: calculateMaxDrawdown(cumulative(results), input.capital),
  };
}

export function sortEvents(events: readonly RealizedEvent[]): RealizedEvent[] {
  return [...events].sort((a, b) => a.at.localeCompare(b.at));
}

/** 0 first, then the running total after each result. */
export function cumulative(results: readonly Decimal[]): Decimal[] {
  const curve = [ZERO];
  for (const r of results) curve.push((curve.at(-1) ?? ZERO).plus(r));
  return curve;
}

/**
 * The largest fall from a running peak. The amount and the percentage are each their own
 * maximum; the percentage is of capital + peak P&L, so it needs the capital.
 */
export function calculateMaxDrawdown(curve: readonly Decimal[], capital?: Decimal): Drawdown {
  let peak: Decimal | undefined;
  let amount = ZERO;
  let pct: number | undefined = capital === undefined ? undefined : 0;
  for (const value of curve) {
    peak = peak === undefined || value.gt(peak) ? value : peak;
    const fall = peak.minus(value);
    if (fall.gt(amount)) amount = fall;
    const base = capital === undefined ? undefined : exact(capital).plus(peak);
    if (base !== undefined && base.gt(0) && pct !== undefined) pct = Math.max(pct, fall.div(base).toNumber());
  }
  return { amount, pct };
}
