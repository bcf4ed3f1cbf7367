import {
  ArgumentsRequired,
  AuthenticationError,
  BadRequest,
  BaseError,
  DDoSProtection,
  DuplicateOrderId,
  InsufficientFunds,
  InvalidOrder,
  NotSupported,
  OperationFailed,
  OperationRejected,
  RateLimitExceeded,
} from 'ccxt';
import { CountersignError, VenueRateLimitedError, VenueUnavailableError } from '../../../errors.js';
import { DuplicateClientOrderIdError, OrderRejectedError, VenueAuthError } from '../broker-errors.js';

/**
 * When a 429/418 carries no `Retry-After`: exchange weight windows are a minute (Binance:
 * https://developers.binance.com/docs/binance-spot-api-docs/rest-api/limits) and hammering
 * a 429 escalates to an IP ban, so wait out a whole window.
 */
export const CCXT_DEFAULT_RETRY_AFTER_MS = 60_000;

/**
 * Binance rejects a `newClientOrderId` still used by an open order with
 * `{"code":-2010,"msg":"Duplicate order sent."}`; -2010 is every NEW_ORDER_REJECTED, so
 * ccxt raises a plain InvalidOrder and only the message tells them apart
 * (https://developers.binance.com/docs/binance-spot-api-docs/errors).
 */
const DUPLICATE_ORDER_MESSAGES = /Duplicate order sent/i;

export interface CcxtErrorContext {
  readonly venue: string;
  /** Set for order submission: a duplicate names the id to look up. */
  readonly clientOrderId?: string;
  /** ccxt's `last_response_headers` at the time of the failure (header names capitalized). */
  readonly responseHeaders?: Readonly<Record<string, string>>;
}

/**
 * ccxt's error classes → the broker errors (DESIGN principle 2). The order of the checks
 * follows ccxt's hierarchy, most specific first (ccxt/js/src/base/errors.js): for example
 * RateLimitExceeded and DDoSProtection are NetworkErrors, DuplicateOrderId is an
 * InvalidOrder. Non-ccxt errors come back unchanged.
 */
export function translateCcxtError(error: unknown, context: CcxtErrorContext): unknown {
  if (error instanceof CountersignError || !(error instanceof BaseError)) return error;
  const { venue } = context;
  const options = { cause: error };
  if (error instanceof RateLimitExceeded || error instanceof DDoSProtection) {
    return new VenueRateLimitedError(venue, getRetryAfterMs(context.responseHeaders), options);
  }
  // NetworkError, RequestTimeout, ExchangeNotAvailable, OnMaintenance, BadResponse: the
  // request may have been processed.
  if (error instanceof OperationFailed) return new VenueUnavailableError(venue, error.message, options);
  if (error instanceof AuthenticationError) return new VenueAuthError(venue, options);
  if (isDuplicateOrder(error) && context.clientOrderId !== undefined) {
    return new DuplicateClientOrderIdError(venue, context.clientOrderId, options);
  }
  if (isDefiniteRefusal(error)) return new OrderRejectedError(venue, error.message, options);
  // A bare ExchangeError (an unclassified venue error code) says nothing about whether
  // the order was placed; "unavailable" makes the caller look it up instead of resending.
  return new VenueUnavailableError(venue, error.message, options);
}

function isDuplicateOrder(error: BaseError): boolean {
  return error instanceof DuplicateOrderId || (error instanceof InvalidOrder && DUPLICATE_ORDER_MESSAGES.test(error.message));
}

/** The venue (or ccxt, before sending) refused the request: nothing was created. */
function isDefiniteRefusal(error: BaseError): boolean {
  return (
    error instanceof InvalidOrder ||
    error instanceof InsufficientFunds ||
    // BadSymbol is a BadRequest.
    error instanceof BadRequest ||
    error instanceof OperationRejected ||
    error instanceof ArgumentsRequired ||
    error instanceof NotSupported
  );
}

/** `Retry-After` in seconds or as an HTTP date, as Binance sends it with 429 and 418. */
export function getRetryAfterMs(headers: Readonly<Record<string, string>> | undefined, now = Date.now()): number {
  const value = headers?.['Retry-After'];
  if (value === undefined || value.trim() === '') return CCXT_DEFAULT_RETRY_AFTER_MS;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? CCXT_DEFAULT_RETRY_AFTER_MS : Math.max(0, at - now);
}
