import type { Side } from '../proposals/proposal.js';
import type { Bar, Timeframe } from '../market/bars.js';

/** What a strategy saw: side, how strong and how sure, where to enter and exit, and why. */
export interface Signal {
  readonly side: Side;
  /** 0–1: how far past the strategy's threshold the move is. */
  readonly strength: number;
  /**
   * 0–1: the share of earlier signals like this one (same strategy, side and timeframe,
   * a score in the same bucket) that were right over the strategy's horizon — calibrated
   * (src/engine/calibration), so the account's `minConfidence` means a hit rate.
   */
  readonly confidence: number;
  /** 0–1: the strategy's own grading before calibration, when it came from one. */
  readonly score?: number;
  readonly entry: number;
  readonly stop?: number;
  readonly target?: number;
  /** Human-readable, shown in the proposal's rationale. */
  readonly reasons: readonly string[];
}

export interface StrategyInput {
  readonly symbol: string;
  readonly timeframe: Timeframe;
  /** Oldest first; the last bar is the most recent closed one. */
  readonly bars: readonly Bar[];
  /** Quantity held now (0 when flat); DCA averages into an existing position. */
  readonly positionQuantity: number;
  /** Average entry price of the position, when held. */
  readonly positionAveragePrice?: number;
  /**
   * Buys that built the position (1 = the first buy, 2 = one add, …), when known. DCA caps
   * its adds with it and, not knowing it, never adds.
   */
  readonly positionEntries?: number;
}

/**
 * A pure function of bars (and settings): the same input always gives the same answer,
 * and too few bars give no signal.
 */
export interface Strategy {
  readonly name: string;
  readonly description: string;
  /** Bars needed before the strategy can say anything. */
  readonly minBars: number;
  evaluate(input: StrategyInput): Signal | undefined;
}

/** A signal as a strategy grades it, before calibration turns the score into a confidence. */
export type ScoredSignal = Omit<Signal, 'confidence' | 'score'> & { readonly score: number };

/**
 * A strategy before calibration. `horizonBars` is how long its idea takes to play out:
 * a signal was right when the close that many bars later is beyond the entry in the
 * signal's direction (see src/engine/calibration/judge-signal.ts).
 */
export interface ScoredStrategy {
  readonly name: string;
  readonly description: string;
  readonly minBars: number;
  readonly horizonBars: number;
  evaluate(input: StrategyInput): ScoredSignal | undefined;
}
