import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '../logger.js';

export type BackgroundRetryOutcome = 'succeeded' | 'gave_up' | 'stopped';

export interface BackgroundRetry {
  /** Settles once the work succeeded, was given up or was stopped; never rejects. */
  readonly settled: Promise<BackgroundRetryOutcome>;
  /** Aborts the attempt in flight and any wait between attempts; resolves once settled. */
  stop(): Promise<BackgroundRetryOutcome>;
}

export interface BackgroundRetryOptions {
  /** Names the work in log lines, e.g. "Setting the command menu". */
  what: string;
  /** One try; should pass `signal` on to its requests so that stop() cuts them short. */
  attempt: (signal: AbortSignal) => Promise<void>;
  logger: Logger;
  /** The wait before each retry; once they are used up the work is given up. */
  delaysMs: readonly number[];
  /** A wait the failure itself asks for (Telegram's retry_after), honoured when longer. */
  retryAfterMs?: (error: unknown) => number | undefined;
}

/**
 * Runs optional work (the command menu and other cosmetic start-up calls) off the start-up
 * path: start-up never waits for it and never fails on it. Each failure is a warn line; the
 * retries are bounded and stop with the app.
 */
export function retryInBackground(options: BackgroundRetryOptions): BackgroundRetry {
  const controller = new AbortController();
  const settled = runAttempts(options, controller.signal);
  return {
    settled,
    stop: () => {
      controller.abort();
      return settled;
    },
  };
}

async function runAttempts(options: BackgroundRetryOptions, signal: AbortSignal): Promise<BackgroundRetryOutcome> {
  const { what, logger, delaysMs } = options;
  for (let failures = 0; ; failures += 1) {
    if (signal.aborted) return 'stopped';
    try {
      await options.attempt(signal);
      if (failures > 0) logger.info({ attempts: failures + 1 }, `${what} succeeded after retries`);
      return 'succeeded';
    } catch (error) {
      if (signal.aborted) return 'stopped';
      const delay = delaysMs[failures];
      if (delay === undefined) {
        logger.warn({ err: error, attempts: failures + 1 }, `${what} failed; giving up until the next start`);
        return 'gave_up';
      }
      const waitMs = Math.max(delay, options.retryAfterMs?.(error) ?? 0);
      logger.warn({ err: error, attempt: failures + 1, retryInMs: waitMs }, `${what} failed; retrying in the background`);
      // Unreferenced: a pending retry must never keep a stopping process alive.
      const waited = await sleep(waitMs, true, { signal, ref: false }).catch(() => false);
      if (!waited) return 'stopped';
    }
  }
}
