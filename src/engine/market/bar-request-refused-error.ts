import { CountersignError } from '../../errors.js';

/**
 * The venue refused a bar request for a reason retrying cannot fix: a feed the plan does
 * not include (Alpaca's 403 for recent SIP data), a timeframe the exchange lacks, a
 * malformed request. An unknown symbol is not this: it is an empty series.
 */
export class BarRequestRefusedError extends CountersignError {
  readonly code = 'bar_request_refused';
  constructor(
    readonly venue: string,
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`${venue} refused the bar request: ${reason}`, options);
  }
}
