import { getSymbolUnits } from '../market/asset-class.js';
import { roundToIncrement, toDecimal, type Decimal } from '../money/decimal.js';
import type { MarketRules } from '../ports/broker.js';
import type { Proposal } from '../proposals/proposal.js';
import { formatMoney, formatPrice, formatQuantity, quoteCurrencyOf } from '../text/format-number.js';

/** The order as the venue will get it: on its increments, never more than approved. */
export interface SizedOrder {
  readonly quantity: Decimal;
  readonly limitPrice?: Decimal;
  /** quantity × (limit, or the price it was sized at). */
  readonly notional: Decimal;
}

/** The inputs and the result, as strings: what a gate keeps in its verdict. */
export type SizingDetails = Readonly<Record<string, string>>;

export type OrderSizing =
  | { readonly ok: true; readonly order: SizedOrder; readonly details: SizingDetails }
  | { readonly ok: false; readonly reason: string; readonly details: SizingDetails };

/**
 * The one place an order is rounded to the venue's increments (DESIGN principle 5), used
 * by the `min_order_size` gate at proposal time and by the order intent at approval, so
 * both always agree: quantity down (never more than approved), a buy limit down and a
 * sell limit up (never a worse price than approved). A notional size becomes a quantity
 * at the limit price when there is one, else at `price`.
 */
export function sizeOrder(proposal: Pick<Proposal, 'symbol' | 'side' | 'size' | 'limitPrice'>, price: Decimal, rules: MarketRules): OrderSizing {
  const limitPrice =
    proposal.limitPrice === undefined ? undefined : roundToIncrement(proposal.limitPrice, rules.priceIncrement, proposal.side === 'buy' ? 'down' : 'up');
  // A limit order trades at its limit (or better), so that is what an amount of money buys.
  const requested = proposal.size.kind === 'quantity' ? toDecimal(proposal.size.quantity) : toDecimal(proposal.size.notional).div(limitPrice ?? price);
  const quantity = roundToIncrement(requested, rules.quantityIncrement, 'down');
  const notional = quantity.mul(limitPrice ?? price);
  const details: SizingDetails = {
    requestedQuantity: requested.toSignificantDigits(12).toFixed(),
    quantity: quantity.toFixed(),
    price: (limitPrice ?? price).toFixed(),
    notional: notional.toFixed(),
    quantityIncrement: rules.quantityIncrement.toFixed(),
    minQuantity: rules.minQuantity.toFixed(),
    ...(rules.minNotional === undefined ? {} : { minNotional: rules.minNotional.toFixed() }),
  };
  const { base } = getSymbolUnits(proposal.symbol);
  const money = (amount: Decimal) => formatMoney(amount, quoteCurrencyOf(proposal.symbol));
  if (quantity.lt(rules.minQuantity) || quantity.lte(0)) {
    const minimumWorth = rules.minQuantity.mul(limitPrice ?? price);
    // Dust keeps two significant digits (formatQuantity): it reads as what it is, never 0 or 6.9e-10.
    const reason =
      `size ${formatQuantity(requested)} ${base} is below the venue's minimum of ${formatQuantity(rules.minQuantity, 12)} ${base}` +
      ` (about ${money(minimumWorth)} at ${formatPrice(limitPrice ?? price, rules.priceIncrement)})`;
    return { ok: false, reason, details };
  }
  if (rules.minNotional !== undefined && notional.lt(rules.minNotional)) {
    return { ok: false, reason: `order value ${money(notional)} is below the venue's minimum of ${money(rules.minNotional)}`, details };
  }
  return { ok: true, order: { quantity, notional, ...(limitPrice === undefined ? {} : { limitPrice }) }, details };
}
