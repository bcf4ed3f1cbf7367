import { formatQuantity } from '../../engine/text/format-number.js';
import type { Decimal } from '../../engine/money/decimal.js';

// Messages take every number format from here; the one implementation is in the engine,
// whose own wording (gate reasons, refusals) needs it too.
export {
  formatMoney,
  formatPercent,
  formatPrice,
  formatQuantity,
  formatSignedMoney,
  priceDecimals,
  quoteCurrencies,
  quoteCurrencyOf,
} from '../../engine/text/format-number.js';

/** Kept for callers that show an amount without a kind; it is a quantity. */
export function formatAmount(value: Decimal.Value, maxDecimals = 8): string {
  return formatQuantity(value, maxDecimals);
}

/** `2026-11-20T12:34:56Z` → `12:34 UTC` (with the date when not today). */
export function formatTime(iso: string, now: Date): string {
  const at = new Date(iso);
  const time = `${at.toISOString().slice(11, 16)} UTC`;
  return at.toISOString().slice(0, 10) === now.toISOString().slice(0, 10) ? time : `${at.toISOString().slice(0, 10)} ${time}`;
}
