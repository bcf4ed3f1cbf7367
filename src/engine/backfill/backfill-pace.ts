/**
 * How fast a venue hands out history, for the estimate shown before a backfill starts.
 * The figures are the published limits the venue adapters keep to; they make an estimate,
 * not a promise (latency and retries come on top).
 */
export interface BackfillPace {
  /** Bars one request returns at most. */
  readonly barsPerRequest: number;
  /** Requests the venue's limit allows per minute; undefined for a source with no network. */
  readonly requestsPerMinute?: number;
  /** Bars a second this machine generates or parses and stores, whatever the venue allows. */
  readonly localBarsPerSecond: number;
  /** Every symbol has bars around the clock (the simulated market), not only in its market's hours. */
  readonly alwaysOpen: boolean;
}

/**
 * The simulated market: no network, CPU-bound. Measured on the 2-core target at about
 * 40,000 one-minute bars a second (fewer for long bars, which sample more minutes), under
 * the load of other work: 30,000 keeps the estimate on the safe side.
 */
export const SIM_PACE: BackfillPace = { barsPerRequest: 1_000, localBarsPerSecond: 30_000, alwaysOpen: true };

/** A venue whose limits we do not know: ccxt's 1,000 bars a call at a cautious 600 calls a minute. */
export const DEFAULT_PACE: BackfillPace = { barsPerRequest: 1_000, requestsPerMinute: 600, localBarsPerSecond: 200_000, alwaysOpen: false };
