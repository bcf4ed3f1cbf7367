import Bottleneck from 'bottleneck';

/** Admission control for one venue and key: every request to the venue passes here. */
export interface VenueLimiter {
  /** Runs `task` once the venue's rate allows it; the result or failure is the task's. */
  schedule<T>(task: () => Promise<T>): Promise<T>;
  /** Refuses new tasks and waits for the running ones. */
  stop(): Promise<void>;
}

export interface VenueLimitOptions {
  /**
   * The venue's published budget per minute, in request weight: plain requests when every
   * request weighs 1 (Alpaca), weight units where the venue weighs them (Binance: 6,000).
   * `'unlimited'` for a local endpoint (benchmarks).
   */
  readonly requestsPerMinute: number | 'unlimited';
  /** Weight one request spends, e.g. 2 for Binance klines. Default 1. */
  readonly weightPerRequest?: number;
  /** Requests in flight at once; default no cap (the rate is the limit). */
  readonly maxConcurrent?: number;
  /**
   * Share of the budget left unused, for other clients on the same key and the venue's
   * window not lining up with ours. Default 0.02.
   */
  readonly headroom?: number;
}

/** https://docs.alpaca.markets/docs/api-rate-limit — 200 requests per minute per account. */
export const ALPACA_LIMIT: VenueLimitOptions = { requestsPerMinute: 200 };

/**
 * https://developers.binance.com/docs/binance-spot-api-docs/rest-api/limits — 6,000
 * REQUEST_WEIGHT per minute per IP; GET /api/v3/klines weighs 2, so ≤ 3,000 calls a minute.
 */
export const BINANCE_KLINES_LIMIT: VenueLimitOptions = { requestsPerMinute: 6_000, weightPerRequest: 2 };

const MINUTE_MS = 60_000;
const DEFAULT_HEADROOM = 0.02;

/**
 * A bottleneck limiter that spaces request starts evenly (`minTime`) instead of spending
 * a whole minute's reservoir in a burst: a reservoir refilled on our clock does not line
 * up with the venue's window, so a burst at the end of one of our minutes and another at
 * the start of the next can spend twice the budget inside one of the venue's minutes —
 * the 429 this exists to avoid. With even spacing at (1 − headroom) of the budget, any
 * 60-second window holds at most budget × (1 − headroom) + 1 requests.
 */
export function createVenueLimiter(options: VenueLimitOptions): VenueLimiter {
  // Bottleneck costs a few ms of timer hops per job even with no limit set; with nothing
  // to enforce (local benchmarks), call straight through.
  if (options.requestsPerMinute === 'unlimited' && options.maxConcurrent === undefined) return createPassThrough();
  const limiter = new Bottleneck({ minTime: getMinTimeMs(options), maxConcurrent: checkMaxConcurrent(options.maxConcurrent) });
  return {
    schedule: (task) => limiter.schedule(task),
    stop: () => limiter.stop({ dropWaitingJobs: false }),
  };
}

/** Milliseconds between request starts; 0 when unlimited. */
export function getMinTimeMs(options: VenueLimitOptions): number {
  const { requestsPerMinute } = options;
  if (requestsPerMinute === 'unlimited') return 0;
  const weight = options.weightPerRequest ?? 1;
  const headroom = options.headroom ?? DEFAULT_HEADROOM;
  if (!(requestsPerMinute > 0) || !Number.isFinite(requestsPerMinute)) {
    throw new RangeError(`requestsPerMinute must be a positive number or 'unlimited', got ${requestsPerMinute}`);
  }
  if (!(weight > 0) || !Number.isFinite(weight)) throw new RangeError(`weightPerRequest must be positive, got ${weight}`);
  if (!(headroom >= 0 && headroom < 1)) throw new RangeError(`headroom must be in [0, 1), got ${headroom}`);
  return (MINUTE_MS * weight) / (requestsPerMinute * (1 - headroom));
}

function createPassThrough(): VenueLimiter {
  let stopped = false;
  const running = new Set<Promise<unknown>>();
  return {
    schedule<T>(task: () => Promise<T>): Promise<T> {
      if (stopped) return Promise.reject(new Error('This limiter has been stopped.'));
      const run = task();
      running.add(run);
      void run.then(
        () => running.delete(run),
        () => running.delete(run),
      );
      return run;
    },
    async stop() {
      stopped = true;
      await Promise.allSettled([...running]);
    },
  };
}

function checkMaxConcurrent(value: number | undefined): number | null {
  if (value === undefined) return null;
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`maxConcurrent must be a positive integer, got ${value}`);
  return value;
}
