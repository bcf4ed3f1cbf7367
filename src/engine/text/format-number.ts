import { toDecimal, type Decimal } from '../money/decimal.js';

/**
 * The one place numbers become text for people (DESIGN principle 10): prices at the
 * venue's precision, quantities, money with its currency and percentages, all with
 * thousands separators and never in exponent notation (`1e-9`, `6.8e+27`). It lives in
 * the engine so the engine's own wording (gate reasons, refusals) uses it too; the chat's
 * messages import it through src/bot/messages/format-number.ts.
 */

/** Digits with thousands separators and an optional fraction: `68,382.70`. */
function group(fixed: string): string {
  const negative = fixed.startsWith('-');
  const [whole = '0', fraction] = (negative ? fixed.slice(1) : fixed).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}${grouped}${fraction === undefined ? '' : `.${fraction}`}`;
}

/** Rounded to `decimals`, without a `-` on a value that rounds to zero. */
function fixed(d: Decimal, decimals: number): string {
  const rounded = d.toDecimalPlaces(decimals);
  return (rounded.isZero() ? rounded.abs() : rounded).toFixed(decimals);
}

/**
 * A price. With the venue's tick (market rules) it shows exactly the tick's decimals, so
 * every price of a symbol lines up (`68,382.70`, never `68382.7`). Without one: two
 * decimals from 1 up, and four significant digits below (`0.1235`, `0.00001234`).
 */
export function formatPrice(value: Decimal.Value, tick?: Decimal.Value): string {
  const d = toDecimal(value);
  return group(fixed(d, priceDecimals(d, tick)));
}

/** The decimals a price is shown with; see formatPrice. */
export function priceDecimals(value: Decimal.Value, tick?: Decimal.Value): number {
  if (tick !== undefined && toDecimal(tick).gt(0)) return toDecimal(tick).decimalPlaces();
  const d = toDecimal(value).abs();
  if (d.isZero() || d.gte(1)) return 2;
  return Math.min(12, Math.max(2, -Math.floor(Math.log10(d.toNumber())) + 3));
}

/**
 * The tick to show other prices of a symbol at when the venue's is not at hand: the one
 * `formatPrice` gives `reference`, so a card's price, limit, stop and target line up
 * (`69,431.39`, `60,000.00`), however round each of them is.
 */
export function displayTickOf(reference: Decimal.Value): Decimal {
  return toDecimal(10).pow(-priceDecimals(reference));
}

/**
 * A quantity: up to `maxDecimals` (the venue's step, else 8), no trailing zeros. A tiny
 * non-zero amount keeps two significant digits rather than showing as 0 (`0.000000001`).
 */
export function formatQuantity(value: Decimal.Value, maxDecimals = 8): string {
  const d = toDecimal(value);
  const rounded = d.toDecimalPlaces(maxDecimals);
  const shown = rounded.isZero() && !d.isZero() ? d.toSignificantDigits(2) : rounded;
  return group((shown.isZero() ? shown.abs() : shown).toFixed());
}

/**
 * Money with two decimals and, when known, its currency: `717.60 USDT`, `1,250.00`. An
 * amount below a cent that is not zero keeps two significant digits (`0.0014 USDT`), as
 * the fee of a small lot or the worth of a venue's minimum lot is no less real than 0.01.
 */
export function formatMoney(value: Decimal.Value, currency?: string): string {
  return withCurrency(group(moneyDigits(toDecimal(value))), currency);
}

/**
 * Money with a sign, for P&L: `+1,234.50 USD`, `-12.00 USDT`. It reads in cents, as a
 * statement does: a result under half a cent is `+0.00`, never `-0.00`.
 */
export function formatSignedMoney(value: Decimal.Value, currency?: string): string {
  const body = group(fixed(toDecimal(value), 2));
  return withCurrency(body.startsWith('-') ? body : `+${body}`, currency);
}

function moneyDigits(d: Decimal): string {
  const cents = fixed(d, 2);
  return Number(cents) === 0 && !d.isZero() ? d.toSignificantDigits(2).toFixed() : cents;
}

const withCurrency = (amount: string, currency: string | undefined) => (currency === undefined || currency === '' ? amount : `${amount} ${currency}`);

/** Beyond this a percentage says "more than" instead of a number nobody can read. */
const PERCENT_LIMIT = 10_000;

/** A share as a percentage: 0.4567 → `45.7%`; 1234.5 → `123,450.0%` is `> 10,000%`. */
export function formatPercent(share: number, decimals = 1): string {
  if (!Number.isFinite(share)) return '—';
  const pct = share * 100;
  if (Math.abs(pct) >= PERCENT_LIMIT) return `${pct < 0 ? '< -' : '> '}${group(String(PERCENT_LIMIT))}%`;
  const shown = group(fixed(toDecimal(pct), decimals));
  // A real share that rounds to nothing is not 0: say it is below the last digit shown.
  if (pct !== 0 && Number(shown) === 0) return `${pct < 0 ? '> -' : '< '}${(10 ** -decimals).toFixed(decimals)}%`;
  return `${shown}%`;
}

/**
 * A value already in percent, as a reason states it against a limit: up to `maxDecimals`,
 * no trailing zeros, grouped (`12.4%`, `272.12%`), and `> 10,000%` past that.
 */
export function formatPercentValue(percent: Decimal.Value, maxDecimals = 2): string {
  const d = toDecimal(percent);
  if (!d.isFinite()) return '—';
  if (d.abs().gte(PERCENT_LIMIT)) return `${d.isNegative() ? '< -' : '> '}${group(String(PERCENT_LIMIT))}%`;
  return `${formatQuantity(d, maxDecimals)}%`;
}

/** The quote currency of a symbol: `USDT` for `BTC/USDT`, `USD` for a stock ticker. */
export function quoteCurrencyOf(symbol: string): string {
  const slash = symbol.indexOf('/');
  return slash === -1 ? 'USD' : symbol.slice(slash + 1).split(':')[0] ?? 'USD';
}

/** The quote currencies of some symbols, each once, sorted: a sum over them is in these. */
export function quoteCurrencies(symbols: Iterable<string>): string[] {
  return [...new Set([...symbols].map(quoteCurrencyOf))].sort();
}
