import { functions, type MarketInterface, type Order } from 'ccxt';
import { Decimal } from '../../money/decimal.js';
import type { BrokerOrder, BrokerOrderStatus, MarketRules } from '../../ports/broker.js';

/** ccxt numbers → decimals through their shortest string form, never through arithmetic. */
export function toDecimalOrUndefined(value: number | string | undefined | null): Decimal | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const decimal = new Decimal(String(value));
  return decimal.isFinite() ? decimal : undefined;
}

/**
 * ccxt's unified status (open, closed, canceled, expired, rejected; Binance also reports
 * `canceling` for PENDING_CANCEL) plus fills → the port's status.
 */
export function getCcxtOrderStatus(status: string | undefined, filled: Decimal, amount: Decimal | undefined): BrokerOrderStatus {
  switch (status) {
    case 'closed':
      // Closed is final: whatever filled is all that will. A closed order with no fill
      // ended without trading.
      return filled.gt(0) ? 'filled' : 'canceled';
    case 'canceled':
      return 'canceled';
    case 'expired':
      return 'expired';
    case 'rejected':
      return 'rejected';
    default:
      // open, canceling, or a status ccxt did not unify: still working at the venue.
      if (filled.lte(0)) return 'open';
      return amount !== undefined && filled.gte(amount) ? 'filled' : 'partially_filled';
  }
}

interface CcxtFee {
  readonly currency?: string;
  readonly cost?: number | string;
}

/**
 * The order's fees in quote currency. ccxt puts them in `fees` (one per currency, summed
 * from Binance's `fills[].commission`) and, when there is one currency, also in `fee`.
 * Quote fees count as they are; base fees (Binance's default on a buy) are valued at the
 * average fill price; fees in a third asset (BNB discounts) have no price here and count
 * as 0 — the trade's P&L then overstates by that fee.
 */
export function getFeesInQuote(order: Order, market: Pick<MarketInterface, 'base' | 'quote'>, averagePrice: Decimal | undefined): Decimal {
  const listed = (order as Order & { fees?: CcxtFee[] }).fees;
  const fees: CcxtFee[] = listed !== undefined && listed.length > 0 ? listed : order.fee !== undefined ? [order.fee as CcxtFee] : [];
  return fees.reduce((total, fee) => {
    const cost = toDecimalOrUndefined(fee.cost);
    if (cost === undefined) return total;
    if (fee.currency === market.quote) return total.plus(cost);
    if (fee.currency === market.base && averagePrice !== undefined) return total.plus(cost.times(averagePrice));
    return total;
  }, new Decimal(0));
}

export function toBrokerOrder(order: Order, market: Pick<MarketInterface, 'base' | 'quote' | 'symbol'>, requestedClientOrderId?: string): BrokerOrder {
  const filled = toDecimalOrUndefined(order.filled) ?? new Decimal(0);
  const amount = toDecimalOrUndefined(order.amount);
  const averagePrice = filled.gt(0) ? getAveragePrice(order, filled) : undefined;
  return {
    venueOrderId: String(order.id),
    clientOrderId: order.clientOrderId ?? requestedClientOrderId ?? '',
    symbol: typeof order.symbol === 'string' ? order.symbol : market.symbol,
    side: order.side === 'sell' ? 'sell' : 'buy',
    status: getCcxtOrderStatus(order.status, filled, amount),
    filledQuantity: filled,
    averagePrice,
    fees: getFeesInQuote(order, market, averagePrice),
  };
}

/** `average` when the exchange reports it, else cost / filled. */
function getAveragePrice(order: Order, filled: Decimal): Decimal | undefined {
  const average = toDecimalOrUndefined(order.average);
  if (average !== undefined) return average;
  const cost = toDecimalOrUndefined(order.cost);
  return cost === undefined ? undefined : cost.div(filled);
}

/**
 * An exchange's precision as an increment. Under TICK_SIZE ccxt stores the step itself
 * (0.00001); under DECIMAL_PLACES the number of decimals (5 → 0.00001)
 * (https://docs.ccxt.com/#/README?id=precision-mode). SIGNIFICANT_DIGITS has no fixed step.
 */
export function toIncrement(precision: number | undefined, precisionMode: number | undefined): Decimal | undefined {
  if (precision === undefined || precision === null) return undefined;
  if (precisionMode === functions.TICK_SIZE) return toDecimalOrUndefined(precision);
  if (precisionMode === functions.DECIMAL_PLACES) return new Decimal(10).pow(-precision);
  return undefined;
}

/** MarketRules from loadMarkets(); undefined when the market does not state its steps. */
export function toMarketRules(market: MarketInterface, precisionMode: number | undefined): MarketRules | undefined {
  const quantityIncrement = toIncrement(market.precision.amount, precisionMode);
  const priceIncrement = toIncrement(market.precision.price, precisionMode);
  if (quantityIncrement === undefined || priceIncrement === undefined) return undefined;
  return {
    quantityIncrement,
    priceIncrement,
    minQuantity: toDecimalOrUndefined(market.limits.amount?.min) ?? quantityIncrement,
    minNotional: toDecimalOrUndefined(market.limits.cost?.min),
  };
}
