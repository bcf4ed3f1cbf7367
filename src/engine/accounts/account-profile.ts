import type { Venue } from './venue.js';

/**
 * One trading book with its own venue, thresholds and risk limits, so a conservative and
 * an aggressive book can run side by side. Percentages are 0–100.
 */
export interface AccountProfile {
  readonly id: string;
  readonly venue: Venue;
  /** Real money. Only with an explicit setting (see config); every message says LIVE. */
  readonly live: boolean;
  readonly minConfidence: number;
  readonly maxPositionPct: number;
  readonly maxPositionNotional: number;
  readonly maxOpenPositions: number;
  readonly maxDailyLossPct: number;
  readonly cooldownMinutes: number;
  /** At tap time, how far the price may have moved since the proposal before approval is refused. */
  readonly priceDriftTolerancePct: number;
  /** A limit price more than this far from the market is refused as a likely typo. */
  readonly limitPriceBandPct: number;
  /**
   * A stop or target more than this far from the entry is refused as a likely typo. Wider
   * than the limit band: a swing trade's 2R target on daily bars sits 10–20 % away.
   */
  readonly stopTargetBandPct: number;
  readonly maxDataAgeSeconds: number;
  readonly proposalTtlMinutes: number;
  readonly fillTimeoutSeconds: number;
  /**
   * The target band of the gate pass rate and the human approval rate, in %: outside it
   * (with enough decisions) a WARNING suggests a threshold change.
   */
  readonly approvalBandLowPct: number;
  readonly approvalBandHighPct: number;
  /** Paper venue only: simulated execution costs and the starting balance. */
  readonly paper: { readonly slippageBps: number; readonly feeBps: number; readonly startingCash: number };
  /** Research with Claude runs for accounts that have a mandate (README, Research). */
  readonly research?: ResearchMandate;
}

/** What the operator asks research to look for in one account. */
export interface ResearchMandate {
  /** Plain words from the operator: the style, the risk, what to avoid. */
  readonly mandate: string;
  /** Most ideas one run may propose. */
  readonly maxIdeas: number;
  /** The account's watchlist, or a fixed list of symbols. */
  readonly universe: 'watchlist' | readonly string[];
}
