import type { Side } from '../proposals/proposal.js';
import type { Bar, Timeframe } from '../market/bars.js';

/** What a strategy saw: side, how strong and how sure, where to enter and exit, and why. */
export interface Signal {
  readonly side: Side;
  /** 0–1: how far past the strategy's threshold the move is. */
  readonly strength: number;
  /** 0–1: how much the strategy trusts it; gated by the account's minimum confidence. */
  readonly confidence: number;
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
