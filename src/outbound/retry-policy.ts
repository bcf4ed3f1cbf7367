/** How long and how often an endpoint's events are retried, and when it is paused. */
export interface RetryPolicy {
  /** The first retry waits up to this; each later one up to twice the one before. */
  readonly baseMs: number;
  /** No retry waits longer than this (unless the receiver's Retry-After says so). */
  readonly maxDelayMs: number;
  /** An event not accepted this long after it happened is given up on (HIGH alert). */
  readonly retryForMs: number;
  /** Events given up on in a row before the endpoint is paused. */
  readonly pauseAfter: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = Object.freeze({ baseMs: 5_000, maxDelayMs: 3_600_000, retryForMs: 86_400_000, pauseAfter: 5 });

/**
 * Full jitter (a uniform wait between 0 and the ceiling): 5, 10, 20, 40, 80 s … 1 h are the
 * ceilings of the 1st, 2nd, 3rd … retry. Receivers that come back after an outage then see
 * the retries of many senders spread out instead of arriving in step.
 */
export function backoffDelayMs(policy: RetryPolicy, attempt: number, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseMs * 2 ** Math.min(40, Math.max(0, attempt - 1)));
  return Math.floor(random() * ceiling);
}
