import { VenueRateLimitedError, VenueUnavailableError } from '../../errors.js';
import { CircuitOpenError } from '../../resilience/circuit-open-error.js';

/**
 * The venue could not be asked right now: down, timing out, pushing back, or resting
 * behind its open breaker. Nothing was done there, and asking again later may work, so
 * the chat says "unreachable" instead of reporting a fault of ours.
 */
export function isVenueUnreachable(error: unknown): error is VenueUnavailableError | VenueRateLimitedError | CircuitOpenError {
  return error instanceof VenueUnavailableError || error instanceof VenueRateLimitedError || error instanceof CircuitOpenError;
}
