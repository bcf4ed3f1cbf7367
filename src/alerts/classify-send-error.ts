import { GrammyError, HttpError } from 'grammy';

/** Thrown when Telegram neither accepts nor refuses a message in time. */
export class SendTimeoutError extends Error {
  readonly code = 'alert_send_timeout';
  constructor(readonly timeoutMs: number) {
    super(`Telegram did not answer within ${timeoutMs} ms`);
    this.name = 'SendTimeoutError';
  }
}

/**
 * What a failed send means for the outbox. None of them drops the alert:
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

/** Decided by class and fields (DESIGN principle 2), not by message text. */
export function classifySendError(error: unknown): SendFailure {
  if (error instanceof GrammyError) return classifyApiError(error);
  // HttpError: the request never got a Telegram answer (DNS, reset, TLS, fetch abort).
  if (error instanceof HttpError || error instanceof SendTimeoutError) return { kind: 'transient' };
  // Anything else is a bug or an unknown transport failure: keeping the alert and
  // retrying is the only choice that cannot lose it.
  return { kind: 'transient' };
}

function classifyApiError(error: GrammyError): SendFailure {
  if (error.error_code === 429) {
    const seconds = error.parameters.retry_after ?? 1;
    return { kind: 'rate_limited', retryAfterMs: Math.max(1, seconds) * 1_000 };
  }
  if (error.error_code >= 500) return { kind: 'transient' };
  // Telegram has no error code or parameter of its own for an entity parsing failure:
  // every bad request is a 400 "Bad Request: …". The description is the only field that
  // tells it apart, and "can't parse entities" has been stable for years. Resending as
  // plain text is harmless even if this ever matches too much.
  if (error.error_code === 400 && /parse entities/i.test(error.description)) return { kind: 'bad_format' };
  return { kind: 'refused', errorCode: error.error_code, description: error.description };
}

/**
 * How long a chat waits after its `failures`-th failure in a row (a 429 waits exactly
 * `retry_after` instead). 5xx and network: 1 s doubling to 1 min. A refusal (bot blocked,
 * chat gone) needs a person: 30 s doubling to 10 min.
 */
export function retryDelayMs(failure: SendFailure, failures: number): number {
  if (failure.kind === 'rate_limited') return failure.retryAfterMs;
  const [base, cap] = failure.kind === 'refused' ? [30_000, 600_000] : [1_000, 60_000];
  return Math.min(cap, base * 2 ** Math.min(20, Math.max(0, failures - 1)));
}
