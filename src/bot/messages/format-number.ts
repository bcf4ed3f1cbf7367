// Messages take every number format from here; the one implementation is in the engine,
// whose own wording (gate reasons, refusals) needs it too.
export {
  displayTickOf,
  formatMoney,
  formatPercent,
  formatPrice,
  formatQuantity,
  formatSignedMoney,
  priceDecimals,
  quoteCurrencies,
  quoteCurrencyOf,
} from '../../engine/text/format-number.js';

/** `2026-11-20T12:34:56Z` → `12:34 UTC` (with the date when not today). */
export function formatTime(iso: string, now: Date): string {
  const at = new Date(iso);
  const time = `${at.toISOString().slice(11, 16)} UTC`;
  return at.toISOString().slice(0, 10) === now.toISOString().slice(0, 10) ? time : `${at.toISOString().slice(0, 10)} ${time}`;
}
