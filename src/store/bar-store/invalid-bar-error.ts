import { CountersignError } from '../../errors.js';

/**
 * A bar handed to the store cannot be stored: its time is not a positive whole number of
 * milliseconds, or a price or the volume is not a finite number. Nothing of that append
 * was written; the adapter that produced the bar is at fault.
 */
export class InvalidBarError extends CountersignError {
  readonly code = 'bar_invalid';

  constructor(
    readonly series: string,
    readonly index: number,
    readonly reason: string,
  ) {
    super(`Bar ${index} appended to ${series} is invalid: ${reason}. Nothing of this append was stored.`);
  }
}
