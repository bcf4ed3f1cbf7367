import { CountersignError } from '../../errors.js';

/**
 * Broker failures, split by what they mean for the order — the execution service
 * decides on the class, never on message text.
 */

/** The venue refused the order: it certainly does not exist. Never retried. */
export class OrderRejectedError extends CountersignError {
  readonly code = 'order_rejected';
  constructor(
    readonly venue: string,
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`${venue} rejected the order: ${reason}`, options);
  }
}

/** The venue already has an order with this client order id: look it up, never resend. */
export class DuplicateClientOrderIdError extends CountersignError {
  readonly code = 'duplicate_client_order_id';
  constructor(
    readonly venue: string,
    readonly clientOrderId: string,
    options?: { cause?: unknown },
  ) {
    super(`${venue} already has an order ${clientOrderId}`, options);
  }
}

/** Credentials refused (401/403 on auth): an operator must fix the keys. */
export class VenueAuthError extends CountersignError {
  readonly code = 'venue_auth';
  constructor(
    readonly venue: string,
    options?: { cause?: unknown },
  ) {
    super(`${venue} refused the API keys`, options);
  }
}
