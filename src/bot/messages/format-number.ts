import { toDecimal, type Decimal } from '../../engine/money/decimal.js';

/**
 * A price, quantity or amount for people: thousands separated, at most `maxDecimals`
 * decimals and no trailing zeros (65,012.5; 0.00012; 1,250).
 */
export function formatAmount(value: Decimal.Value, maxDecimals = 8): string {
  const d = toDecimal(value).toDecimalPlaces(maxDecimals);
  const [whole = '0', fraction] = d.abs().toFixed().split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${d.isNegative() && !d.isZero() ? '-' : ''}${grouped}${fraction ? `.${fraction}` : ''}`;
}

/** Money with exactly two decimals: `717.60`, `1,250.00`. */
export function formatMoney(value: Decimal.Value): string {
  return formatSignedMoney(value).replace(/^\+/, '');
}

/** Money with two decimals and a sign, e.g. `+1,234.50`, `-12.00`. */
export function formatSignedMoney(value: Decimal.Value): string {
  const d = toDecimal(value).toDecimalPlaces(2);
  const body = formatAmount(d.abs().toFixed(2), 2);
  const padded = body.includes('.') ? body.padEnd(body.indexOf('.') + 3, '0') : `${body}.00`;
  return `${d.isNegative() && !d.isZero() ? '-' : '+'}${padded}`;
}

/** 0.4567 → `45.7%`. */
export function formatPercent(share: number, decimals = 1): string {
  return `${(share * 100).toFixed(decimals)}%`;
}

/** `2026-11-20T12:34:56Z` → `12:34 UTC` (with the date when not today). */
export function formatTime(iso: string, now: Date): string {
  const at = new Date(iso);
  const time = `${at.toISOString().slice(11, 16)} UTC`;
  return at.toISOString().slice(0, 10) === now.toISOString().slice(0, 10) ? time : `${at.toISOString().slice(0, 10)} ${time}`;
}
