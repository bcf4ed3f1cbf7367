import { CountersignError } from '../errors.js';

/**
 * What a failed send means for the outbox. None of them drops the message:
 * - `rate_limited`: Telegram's 429; the chat pauses for exactly `retryAfterMs`.
 * - `bad_format`: the HTML was refused; the same text goes again as plain text.
 * - `transient`: 5xx, network, timeout; retried with backoff.
 * - `refused`: any other 4xx (bot blocked, chat not found); retried with a long backoff and
 *   logged as an error, since only a person can fix it.
 */
export type SendFailure =
  | { kind: 'rate_limited'; retryAfterMs: number }
  | { kind: 'bad_format' }
  | { kind: 'transient' }
  | { kind: 'refused'; errorCode: number; description: string };

/** A send the transport classified; anything else a send throws counts as transient. */
export class SendFailedError extends CountersignError {
  readonly code = 'send_failed';
  constructor(
    readonly failure: SendFailure,
    options?: { cause?: unknown },
  ) {
    super(`send failed: ${failure.kind}`, options);
  }
}

/** Thrown when Telegram neither accepts nor refuses a message in time. */
export class SendTimeoutError extends CountersignError {
  readonly code = 'send_timeout';
  constructor(readonly timeoutMs: number) {
    super(`Telegram did not answer within ${timeoutMs} ms`);
  }
}

/**
 * Decided by class and fields (DESIGN principle 2). An unknown failure keeps the message
 * and retries it: the only choice that cannot lose it.
 */
export function toSendFailure(error: unknown): SendFailure {
  return error instanceof SendFailedError ? error.failure : { kind: 'transient' };
}

/**
 * How long a chat waits after its `failures`-th failure in a row (a 429 waits exactly
 * `retry_after` instead). 5xx and network: 1 s doubling to 15 s, so a chat notices soon that
 * Telegram is back (the first accepted send then wakes every chat). A refusal (bot
 * blocked, chat gone) needs a person: 30 s doubling to 10 min.
 */
export function retryDelayMs(failure: SendFailure, failures: number): number {
  if (failure.kind === 'rate_limited') return failure.retryAfterMs;
  const [base, cap] = failure.kind === 'refused' ? [30_000, 600_000] : [1_000, 15_000];
  return Math.min(cap, base * 2 ** Math.min(20, Math.max(0, failures - 1)));
}
