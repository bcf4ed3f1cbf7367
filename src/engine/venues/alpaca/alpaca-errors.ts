import { ApiError, FetchError } from '@alpacahq/alpaca-trade-api/rest';
import { ZodError } from 'zod';
import { CountersignError, VenueRateLimitedError, VenueUnavailableError } from '../../../errors.js';
import { DuplicateClientOrderIdError, OrderRejectedError, VenueAuthError } from '../broker-errors.js';

export const ALPACA_VENUE = 'alpaca';

/**
 * When a 429 carries neither `Retry-After` nor `X-RateLimit-Reset`: Alpaca's budget is
 * 200 requests per rolling minute (https://docs.alpaca.markets/docs/api-rate-limit), so a
 * full window is the wait that certainly clears it.
 */
export const ALPACA_DEFAULT_RETRY_AFTER_MS = 60_000;

/**
 * Alpaca answers a reused `client_order_id` with 422 `{"code":40010001,"message":
 * "client_order_id must be unique"}`; the code is shared with every other 422, so the
 * message is the only discriminator (https://docs.alpaca.markets/reference/postorder).
 */
const DUPLICATE_CLIENT_ORDER_ID = /client_order_id must be unique/i;

/**
 * Turns an SDK failure into the broker error classes (DESIGN principle 2). Unknown
 * errors come back unchanged; callers decide whether "unknown" means "maybe accepted".
 *
 * The SDK's own classes: `ApiError` (any non-2xx, with `status`, `message` from Alpaca's
 * `{ code, message }` envelope and `retryAfterMs` from `Retry-After`/`X-RateLimit-Reset`)
 * and `FetchError` (network failure, or the `timeoutMs` deadline).
 */
export function translateAlpacaError(error: unknown, clientOrderId?: string): unknown {
  if (error instanceof CountersignError) return error;
  if (error instanceof FetchError) {
    return new VenueUnavailableError(ALPACA_VENUE, describeFetchError(error), { cause: error });
  }
  if (error instanceof ZodError) {
    return new VenueUnavailableError(ALPACA_VENUE, `unexpected payload: ${error.issues[0]?.message ?? 'invalid'}`, {
      cause: error,
    });
  }
  if (!(error instanceof ApiError)) return error;
  return translateApiError(error, clientOrderId);
}

function translateApiError(error: ApiError, clientOrderId: string | undefined): CountersignError {
  const { status } = error;
  if (status === 401) return new VenueAuthError(ALPACA_VENUE, { cause: error });
  if (status === 429) {
    return new VenueRateLimitedError(ALPACA_VENUE, error.retryAfterMs ?? ALPACA_DEFAULT_RETRY_AFTER_MS, { cause: error });
  }
  // 408 and 5xx: the request may or may not have been processed.
  if (status === 408 || status >= 500) {
    return new VenueUnavailableError(ALPACA_VENUE, `HTTP ${status}: ${error.message}`, { cause: error });
  }
  if (clientOrderId !== undefined && DUPLICATE_CLIENT_ORDER_ID.test(error.message)) {
    return new DuplicateClientOrderIdError(ALPACA_VENUE, clientOrderId, { cause: error });
  }
  // 403 (e.g. "insufficient buying power"), 404, 422 and the rest of 4xx: a definite "no".
  return new OrderRejectedError(ALPACA_VENUE, error.message, { cause: error });
}

function describeFetchError(error: FetchError): string {
  const causeName = error.cause.name;
  if (causeName === 'TimeoutError') return 'request timed out';
  if (causeName === 'AbortError') return 'request aborted';
  return `network failure: ${error.cause.message}`;
}

/** Whether the SDK reported an HTTP status, e.g. 404 on a lookup that is an expected negative. */
export function hasHttpStatus(error: unknown, ...statuses: number[]): boolean {
  return error instanceof ApiError && statuses.includes(error.status);
}
