import type { Bar, Timeframe } from '../market/bars.js';
import type { Side } from '../proposals/proposal.js';
import type { ScoredStrategy, StrategyInput } from '../strategies/strategy.js';
import { judgeSignal } from './judge-signal.js';

/** One signal a strategy gave on a past bar, and whether it was right. */
export interface SignalOutcome {
  readonly strategy: string;
  readonly side: Side;
  readonly timeframe: Timeframe;
  readonly horizonBars: number;
  readonly score: number;
  readonly right: boolean;
}

export interface BarSeries {
  readonly symbol: string;
  readonly timeframe: Timeframe;
  /** Oldest first, closed bars only. */
  readonly bars: readonly Bar[];
}

/** As many bars as a scan reads per series, so a strategy sees exactly what a scan shows it. */
export const CALIBRATION_WINDOW = 500;

/**
 * Replays a series bar by bar, as scans would have seen it, and asks every strategy what
 * it says: flat (its buys) and holding one unit with no known entry (its sells; DCA,
 * not knowing the entry, never adds). Each signal is judged over its strategy's horizon;
 * bars too close to the end to be judged are left out.
 */
export function collectOutcomes(strategies: readonly ScoredStrategy[], series: BarSeries, window = CALIBRATION_WINDOW): SignalOutcome[] {
  const outcomes: SignalOutcome[] = [];
  const { bars } = series;
  const first = Math.min(...strategies.map((s) => s.minBars)) - 1;
  for (let i = Math.max(0, first); i < bars.length - 1; i++) {
    const seen = bars.slice(Math.max(0, i + 1 - window), i + 1);
    const flat = input(series, seen, 0);
    const holding = input(series, seen, 1);
    for (const strategy of strategies) {
      if (i + strategy.horizonBars >= bars.length) continue;
      const buy = strategy.evaluate(flat);
      const sell = strategy.evaluate(holding);
      for (const signal of [buy?.side === 'buy' ? buy : undefined, sell?.side === 'sell' ? sell : undefined]) {
        const right = signal === undefined ? undefined : judgeSignal(bars, i, signal.side, strategy.horizonBars);
        if (signal === undefined || right === undefined) continue;
        outcomes.push({ strategy: strategy.name, side: signal.side, timeframe: series.timeframe, horizonBars: strategy.horizonBars, score: signal.score, right });
      }
    }
  }
  return outcomes;
}

function input(series: BarSeries, bars: readonly Bar[], positionQuantity: number): StrategyInput {
  return { symbol: series.symbol, timeframe: series.timeframe, bars, positionQuantity };
}
