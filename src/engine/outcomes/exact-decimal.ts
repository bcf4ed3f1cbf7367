import { Decimal } from '../money/decimal.js';

/**
 * P&L must add up to the cent and beyond: realized + unrealized is the change in equity,
 * exactly (DESIGN principle 5). decimal.js rounds every operation to 20 significant
 * digits by default, which a large notional with many fee decimals can exceed, so the
 * outcomes work on a clone with room to spare. Its values are ordinary `Decimal`s.
 */
const ExactDecimal = Decimal.clone({ precision: 60, rounding: Decimal.ROUND_HALF_UP });

export function exact(value: Decimal.Value): Decimal {
  // Already exact: the same object (decimals are immutable), not a copy per pass.
  return value instanceof ExactDecimal ? value : new ExactDecimal(value);
}

export const ZERO = exact(0);

/** Decimals kept for a pro-rata share (a fee split over lots): far below any venue increment. */
const SHARE_DECIMALS = 12;

/**
 * `total × part / whole`, rounded. Callers hand the last share the remainder (total minus
 * the shares before it), so shares always sum back to the total exactly.
 */
export function proRata(total: Decimal, part: Decimal, whole: Decimal): Decimal {
  if (part.eq(whole)) return total;
  return total.mul(part).div(whole).toDecimalPlaces(SHARE_DECIMALS);
}

export function sum(values: Iterable<Decimal>): Decimal {
  let total = ZERO;
  for (const value of values) total = total.plus(value);
  return total;
}
