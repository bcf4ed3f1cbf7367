import { SendTimeoutError } from './send-failure.js';

/** setTimeout/clearTimeout, injectable so tests and the bench control time. */
export interface Timers {
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Looked up at each call, so vitest's fake timers apply even to a dispatcher built earlier. */
export const globalTimers: Timers = {
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * Rejects with SendTimeoutError if `work` has not settled after `ms`. The work itself goes
 * on: a late acceptance is possible, so a retry after a timeout may duplicate a message
 * (at least once, never lost).
 */
export async function withTimeout<T>(timers: Timers, ms: number, work: Promise<T>): Promise<T> {
  let handle: unknown;
  const timeout = new Promise<never>((_, reject) => {
    handle = timers.setTimeout(() => reject(new SendTimeoutError(ms)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    timers.clearTimeout(handle);
  }
}
