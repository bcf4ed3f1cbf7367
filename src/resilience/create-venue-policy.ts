import {
  BrokenCircuitError,
  circuitBreaker,
  CircuitState,
  ConsecutiveBreaker,
  ExponentialBackoff,
  handleWhen,
  retry,
  wrap,
  type IBackoff,
  type IBackoffFactory,
  type IRetryBackoffContext,
} from 'cockatiel';

import { CircuitOpenError } from './circuit-open-error.js';
import { VenueRateLimitedError, VenueUnavailableError } from '../errors.js';

export type BreakerState = 'closed' | 'open' | 'half_open';

export interface RetryEvent {
  /** 1 for the first retry. */
  readonly attempt: number;
  readonly delayMs: number;
  readonly error: Error;
}

/** What a health report reads from a dependency's breaker. */
export interface BreakerStatus {
  getBreakerState(): BreakerState;
  readonly lastError: Error | undefined;
  readonly lastFailureAt: Date | undefined;
}

export interface VenuePolicy extends BreakerStatus {
  readonly name: string;
  /**
   * Runs `call` with retries and the venue's breaker. `call` must throw the typed venue
   * errors (VenueRateLimitedError, VenueUnavailableError): only those are retried and
   * counted by the breaker; anything else fails at once. An open breaker throws
   * CircuitOpenError without calling.
   */
  execute<T>(call: (signal: AbortSignal) => Promise<T>, signal?: AbortSignal): Promise<T>;
  onRetry(listener: (event: RetryEvent) => void): () => void;
  onBreakerChange(listener: (state: BreakerState) => void): () => void;
}

export interface VenuePolicyOptions {
  /** The venue, e.g. `alpaca` or `ccxt:binance`; names the breaker in /health. */
  readonly name: string;
  /** Retries after the first attempt. Default 3. */
  readonly maxRetries?: number;
  /** First exponential backoff step (with jitter). Default 500 ms. */
  readonly initialDelayMs?: number;
  /** Backoff cap. Default 30 s. */
  readonly maxDelayMs?: number;
  /**
   * A venue asking to wait longer than this (an IP ban's 418 can say hours) is not waited
   * for in-process: the VenueRateLimitedError reaches the caller, who can reschedule.
   * Default 60 s, the length of Alpaca's and Binance's rate windows.
   */
  readonly maxRetryAfterMs?: number;
  /** Consecutive failed attempts that open the breaker. Default 5. */
  readonly breakerThreshold?: number;
  /** How long the breaker stays open before one trial call may pass. Default 30 s. */
  readonly halfOpenAfterMs?: number;
  readonly clock?: () => Date;
}

/** Failures that say the venue is in trouble or pushing back; the only ones worth retrying. */
export function isVenueFailure(error: unknown): error is VenueRateLimitedError | VenueUnavailableError {
  return error instanceof VenueRateLimitedError || error instanceof VenueUnavailableError;
}

/**
 * Retry (exponential backoff, or exactly the venue's Retry-After) around a consecutive-
 * failure circuit breaker, on cockatiel. Retry is the outer policy, so every attempt is
 * seen by the breaker and an opening breaker ends the retries at once.
 *
 * Callers put the limiter inside: `policy.execute(() => limiter.schedule(call))`. Each
 * retry is a request the venue counts, so it must take its own limiter slot (the other
 * nesting would send retries past the limiter), and an open breaker then fails fast
 * without queueing behind other requests.
 */
export function createVenuePolicy(options: VenuePolicyOptions): VenuePolicy {
  const clock = options.clock ?? (() => new Date());
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 60_000;
  const breaker = circuitBreaker(handleWhen(isVenueFailure), {
    breaker: new ConsecutiveBreaker(options.breakerThreshold ?? 5),
    halfOpenAfter: options.halfOpenAfterMs ?? 30_000,
  });
  const retrying = retry(
    handleWhen((error) => error instanceof VenueUnavailableError || (error instanceof VenueRateLimitedError && error.retryAfterMs <= maxRetryAfterMs)),
    {
      maxAttempts: options.maxRetries ?? 3,
      backoff: createRetryBackoff(options.initialDelayMs ?? 500, options.maxDelayMs ?? 30_000),
    },
  );
  const policy = wrap(retrying, breaker);
  let lastError: Error | undefined;
  let lastFailureAt: Date | undefined;

  return {
    name: options.name,
    get lastError() {
      return lastError;
    },
    get lastFailureAt() {
      return lastFailureAt;
    },
    getBreakerState: () => toBreakerState(breaker.state),
    async execute(call, signal) {
      try {
        return await policy.execute(async (context) => {
          context.signal.throwIfAborted();
          try {
            return await call(context.signal);
          } catch (error) {
            // A cancellation is the caller's choice, not the venue's failure.
            if (!context.signal.aborted) {
              lastError = error instanceof Error ? error : new Error(String(error));
              lastFailureAt = clock();
            }
            throw error;
          }
        }, signal);
      } catch (error) {
        if (error instanceof BrokenCircuitError) throw new CircuitOpenError(options.name, { cause: lastError });
        throw error;
      }
    },
    onRetry(listener) {
      const subscription = retrying.onRetry((event) => {
        if ('error' in event) listener({ attempt: event.attempt, delayMs: event.delay, error: event.error });
      });
      return () => subscription.dispose();
    },
    onBreakerChange(listener) {
      const subscription = breaker.onStateChange((state) => listener(toBreakerState(state)));
      return () => subscription.dispose();
    },
  };
}

function toBreakerState(state: CircuitState): BreakerState {
  if (state === CircuitState.Closed) return 'closed';
  if (state === CircuitState.HalfOpen) return 'half_open';
  // Isolated is an open breaker held by hand.
  return 'open';
}

type RetryContext = IRetryBackoffContext<unknown>;

/** Exponential backoff with jitter, except after a 429/418: then exactly what the venue asked. */
function createRetryBackoff(initialDelayMs: number, maxDelayMs: number): IBackoffFactory<RetryContext> {
  const exponential = new ExponentialBackoff({ initialDelay: initialDelayMs, maxDelay: maxDelayMs });
  return { next: (context) => withRetryAfter(exponential.next(), context) };
}

function withRetryAfter(step: IBackoff<unknown>, context: RetryContext): IBackoff<RetryContext> {
  const error = 'error' in context.result ? context.result.error : undefined;
  return {
    duration: error instanceof VenueRateLimitedError ? error.retryAfterMs : step.duration,
    next: (nextContext) => withRetryAfter(step.next(nextContext), nextContext),
  };
}
