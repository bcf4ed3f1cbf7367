import type { trading } from '@alpacahq/alpaca-trade-api/rest';
import * as z from 'zod';
import { Decimal } from '../../money/decimal.js';
import type { BrokerOrder, BrokerOrderStatus, OrderRequest } from '../../ports/broker.js';
import { ALPACA_VENUE } from './alpaca-errors.js';
import { OrderRejectedError } from '../broker-errors.js';

/** A decimal as Alpaca sends it: a numeric string (never a float), e.g. "187.25". */
export const alpacaDecimal = z
  .string()
  .regex(/^-?\d+(\.\d+)?$/, 'expected a decimal string')
  .transform((value) => new Decimal(value));

/**
 * Every status Alpaca documents (https://docs.alpaca.markets/docs/orders-at-alpaca#order-lifecycle).
 * `working` means "still at the venue"; it becomes open, partially_filled or filled from
 * the fill quantity, because `calculated` and `done_for_day` can hide a complete fill.
 */
const ALPACA_STATUSES: Readonly<Record<string, BrokerOrderStatus | 'working'>> = {
  new: 'working',
  accepted: 'working',
  pending_new: 'working',
  accepted_for_bidding: 'working',
  held: 'working',
  partially_filled: 'working',
  pending_cancel: 'working',
  pending_replace: 'working',
  // Alpaca guarantees a trade for a stopped order but it has not happened yet.
  stopped: 'working',
  // Not eligible for trading right now, yet not closed either.
  suspended: 'working',
  // Done for the day (filled or not), settlement still being calculated.
  calculated: 'working',
  // No more fills today; the order resumes on the next trading day.
  done_for_day: 'working',
  filled: 'filled',
  canceled: 'canceled',
  expired: 'expired',
  // The order was superseded (`replaced_by` names its successor): this one is closed.
  replaced: 'canceled',
  rejected: 'rejected',
};

/**
 * Alpaca status + fills → the port's status. An unknown status is treated as working:
 * the order stays watched instead of being wrongly closed.
 */
export function getAlpacaOrderStatus(status: string, filled: Decimal, ordered: Decimal | undefined): BrokerOrderStatus {
  const mapped = ALPACA_STATUSES[status] ?? 'working';
  if (mapped !== 'working') return mapped;
  if (filled.lte(0)) return 'open';
  return ordered !== undefined && filled.gte(ordered) ? 'filled' : 'partially_filled';
}

/** The fields we rely on, checked on the SDK's camelCased order (its types make them all optional). */
const alpacaOrderSchema = z.object({
  id: z.string().min(1),
  clientOrderId: z.string().min(1),
  symbol: z.string().min(1),
  side: z.enum(['buy', 'sell']),
  status: z.string().min(1),
  qty: alpacaDecimal.optional(),
  filledQty: alpacaDecimal,
  filledAvgPrice: alpacaDecimal.optional(),
  replacedBy: z.string().optional(),
});

/**
 * Alpaca's order object carries no fee: US equities are commission-free and the
 * regulatory fees (SEC, FINRA TAF) are booked later as account activities
 * (https://docs.alpaca.markets/docs/regulatory-fees), so `fees` is 0 here.
 */
export function toBrokerOrder(order: trading.Order): BrokerOrder {
  const parsed = alpacaOrderSchema.parse(order);
  const status = getAlpacaOrderStatus(parsed.status, parsed.filledQty, parsed.qty);
  return {
    venueOrderId: parsed.id,
    clientOrderId: parsed.clientOrderId,
    symbol: parsed.symbol,
    side: parsed.side,
    status,
    filledQuantity: parsed.filledQty,
    averagePrice: parsed.filledQty.gt(0) ? parsed.filledAvgPrice : undefined,
    fees: new Decimal(0),
    reason: parsed.status === 'replaced' && parsed.replacedBy !== undefined ? `replaced by ${parsed.replacedBy}` : undefined,
  };
}

/** Alpaca symbols for crypto pairs carry a slash ("BTC/USD"); everything else is a US equity. */
function isCryptoSymbol(symbol: string): boolean {
  return symbol.includes('/');
}

/**
 * The POST /v2/orders body. The time in force is the order's own (see
 * `defaultTimeInForce`), else the old default. Fractional and notional equity orders must
 * be `day`; crypto accepts only `gtc`/`ioc` (https://docs.alpaca.markets/docs/fractional-trading,
 * https://docs.alpaca.markets/docs/crypto-trading). A malformed request is refused before
 * any network call, so it certainly does not exist at the venue.
 */
export function toPostOrderRequest(request: OrderRequest): trading.PostOrderRequest {
  const hasQuantity = request.quantity !== undefined;
  if (hasQuantity === (request.notional !== undefined)) {
    throw new OrderRejectedError(ALPACA_VENUE, 'exactly one of quantity and notional is required');
  }
  if (request.type === 'limit' && request.limitPrice === undefined) {
    throw new OrderRejectedError(ALPACA_VENUE, 'a limit order needs a limit price');
  }
  return {
    symbol: request.symbol,
    side: request.side,
    type: request.type,
    timeInForce: request.timeInForce ?? (isCryptoSymbol(request.symbol) ? 'gtc' : 'day'),
    clientOrderId: request.clientOrderId,
    // toFixed, not toString: Alpaca wants plain digits, never "1e-7".
    qty: request.quantity?.toFixed(),
    notional: request.notional?.toFixed(),
    limitPrice: request.type === 'limit' ? request.limitPrice?.toFixed() : undefined,
  };
}
