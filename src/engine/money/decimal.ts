import { Decimal } from 'decimal.js';

/**
 * Money and quantities are decimals, never binary floats, wherever they are summed or
 * compared (DESIGN principle 5). They travel and persist as strings.
 */
export { Decimal };

export type DecimalString = string;

export function toDecimal(value: Decimal.Value): Decimal {
  return new Decimal(value);
}

/**
 * The form decimals are stored and sent in: plain digits, never `6e-7` (decimal.js's
 * toString switches to exponents for tiny values, which the store schema refuses).
 */
export function toDecimalString(value: Decimal.Value): DecimalString {
  return new Decimal(value).toFixed();
}

/** True for a plain positive or zero decimal written in digits (`0.01`, `500`), nothing else. */
export function isPlainDecimal(text: string): boolean {
  return /^\d+(\.\d+)?$/.test(text);
}

export type RoundingMode = 'down' | 'up' | 'nearest';

/**
 * The one place where a quantity or price is rounded to a venue's increment (lot or tick
 * size). Quantities round down so an order never exceeds what was approved; prices
 * round to the nearest tick unless a side demands otherwise.
 */
export function roundToIncrement(value: Decimal.Value, increment: Decimal.Value, mode: RoundingMode): Decimal {
  const step = new Decimal(increment);
  if (step.lte(0)) throw new RangeError(`increment must be positive, got ${step.toString()}`);
  const steps = new Decimal(value).div(step);
  const rounded = mode === 'down' ? steps.floor() : mode === 'up' ? steps.ceil() : steps.toDecimalPlaces(0, Decimal.ROUND_HALF_UP);
  return rounded.mul(step);
}
