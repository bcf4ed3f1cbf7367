import { CountersignError } from '../errors.js';

/**
 * The venue's circuit breaker is open: the request was NOT sent. Unlike a timeout, there
 * is no doubt about the outcome, so even an order may simply be tried again later.
 */
export class CircuitOpenError extends CountersignError {
  readonly code = 'circuit_open';
  constructor(
    readonly venue: string,
    options?: { cause?: unknown },
  ) {
    super(`${venue} circuit breaker is open after repeated failures; not calling it for now`, options);
  }
}
