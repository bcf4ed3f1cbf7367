import {
  AuthenticationError,
  BadResponse,
  BadSymbol,
  DDoSProtection,
  DuplicateOrderId,
  ExchangeError,
  ExchangeNotAvailable,
  InsufficientFunds,
  InvalidOrder,
  NetworkError,
  OnMaintenance,
  PermissionDenied,
  RateLimitExceeded,
  RequestTimeout,
} from 'ccxt';
import { describe, expect, it } from 'vitest';
import { DuplicateClientOrderIdError, OrderRejectedError, VenueAuthError } from '../../../../src/engine/venues/broker-errors.js';
import { CCXT_DEFAULT_RETRY_AFTER_MS, getRetryAfterMs, translateCcxtError } from '../../../../src/engine/venues/ccxt/ccxt-errors.js';
import { VenueRateLimitedError, VenueUnavailableError } from '../../../../src/errors.js';

const context = { venue: 'ccxt:binance', clientOrderId: 'cs-x' };

describe('translateCcxtError', () => {
  it.each([
    [new InvalidOrder('binance LOT_SIZE'), OrderRejectedError],
    [new InsufficientFunds('binance Account has insufficient balance'), OrderRejectedError],
    [new BadSymbol('binance does not have market symbol X/Y'), OrderRejectedError],
    [new DuplicateOrderId('duplicate'), DuplicateClientOrderIdError],
    [new InvalidOrder('binance {"code":-2010,"msg":"Duplicate order sent."}'), DuplicateClientOrderIdError],
    [new RateLimitExceeded('binance 429'), VenueRateLimitedError],
    [new DDoSProtection('binance 418'), VenueRateLimitedError],
    [new NetworkError('fetch failed'), VenueUnavailableError],
    [new RequestTimeout('timed out'), VenueUnavailableError],
    [new ExchangeNotAvailable('503'), VenueUnavailableError],
    [new OnMaintenance('System is under maintenance.'), VenueUnavailableError],
    [new BadResponse('execution status unknown'), VenueUnavailableError],
    [new ExchangeError('an unclassified error code'), VenueUnavailableError],
    [new AuthenticationError('Invalid API-key'), VenueAuthError],
    [new PermissionDenied('no trading permission'), VenueAuthError],
  ])('maps %s', (error, expected) => {
    expect(translateCcxtError(error, context), `${error.constructor.name} → ${expected.name}`).toBeInstanceOf(expected);
  });

  it('leaves errors that are not ccxt’s alone', () => {
    const error = new TypeError('a bug');
    expect(translateCcxtError(error, context), 'not ours to classify').toBe(error);
  });

  it('keeps the ccxt error as the cause', () => {
    const error = new InsufficientFunds('binance Account has insufficient balance');
    expect((translateCcxtError(error, context) as Error).cause, 'for logs').toBe(error);
  });
});

describe('getRetryAfterMs', () => {
  it('reads seconds and HTTP dates, and waits a whole window without a header', () => {
    expect(getRetryAfterMs({ 'Retry-After': '12' }), 'seconds').toBe(12_000);
    expect(getRetryAfterMs({ 'Retry-After': 'Wed, 21 Oct 2015 07:28:30 GMT' }, Date.parse('Wed, 21 Oct 2015 07:28:00 GMT')), 'HTTP date').toBe(30_000);
    expect(getRetryAfterMs(undefined), 'no header').toBe(CCXT_DEFAULT_RETRY_AFTER_MS);
  });
});
