import type { trading } from '@alpacahq/alpaca-trade-api/rest';
import * as z from 'zod';
import { Decimal } from '../../money/decimal.js';
import type { BrokerAccount, BrokerPosition, MarketRules } from '../../ports/broker.js';
import { alpacaDecimal } from './alpaca-order-mapping.js';

const positionSchema = z.object({
  symbol: z.string().min(1),
  qty: alpacaDecimal,
  avgEntryPrice: alpacaDecimal,
  side: z.enum(['long', 'short']),
});

/** Signed quantity whatever sign Alpaca puts on `qty`: `side` is authoritative. */
export function toBrokerPosition(position: trading.Position): BrokerPosition {
  const parsed = positionSchema.parse(position);
  const size = parsed.qty.abs();
  return {
    symbol: parsed.symbol,
    quantity: parsed.side === 'short' ? size.neg() : size,
    averageEntryPrice: parsed.avgEntryPrice,
  };
}

const accountSchema = z.object({
  equity: alpacaDecimal,
  cash: alpacaDecimal,
  // Equity at the previous close, i.e. at the start of today's session.
  lastEquity: alpacaDecimal.optional(),
  // False (or absent) on cash accounts: Alpaca then refuses a sell beyond the position.
  shortingEnabled: z.boolean().optional(),
});

export function toBrokerAccount(account: trading.Account): BrokerAccount {
  const parsed = accountSchema.parse(account);
  return { equity: parsed.equity, cash: parsed.cash, dayStartEquity: parsed.lastEquity, shortingEnabled: parsed.shortingEnabled === true };
}

const assetSchema = z.object({
  symbol: z.string().min(1),
  fractionable: z.boolean(),
  minOrderSize: alpacaDecimal.optional(),
  minTradeIncrement: alpacaDecimal.optional(),
  priceIncrement: alpacaDecimal.optional(),
});

/** Fractional shares go down to 1e-9 (https://docs.alpaca.markets/docs/fractional-trading). */
const FRACTIONAL_INCREMENT = new Decimal('0.000000001');
/** Fractional orders must be worth at least $1 (same page). */
const FRACTIONAL_MIN_NOTIONAL = new Decimal(1);
/**
 * Reg NMS Rule 612 (sub-penny rule): quotes at or above $1.00 tick in cents, below $1.00
 * in hundredths of a cent (https://docs.alpaca.markets/docs/orders-at-alpaca#sub-penny-increments-for-limit-orders).
 */
const PENNY = new Decimal('0.01');
const SUB_PENNY = new Decimal('0.0001');

/** Whether the asset states its own price increment (crypto assets do; equities do not). */
export function hasOwnPriceIncrement(asset: trading.Assets): boolean {
  return asset.priceIncrement !== undefined;
}

/**
 * Increments from GET /v2/assets/{symbol}. `lastPrice` decides the equity tick when the
 * asset has none; without it the cent tick is used, which is valid at any price.
 */
export function toMarketRules(asset: trading.Assets, lastPrice?: Decimal): MarketRules {
  const parsed = assetSchema.parse(asset);
  const quantityIncrement = parsed.minTradeIncrement ?? (parsed.fractionable ? FRACTIONAL_INCREMENT : new Decimal(1));
  const equityTick = lastPrice !== undefined && lastPrice.lt(1) ? SUB_PENNY : PENNY;
  return {
    quantityIncrement,
    priceIncrement: parsed.priceIncrement ?? equityTick,
    minQuantity: parsed.minOrderSize ?? quantityIncrement,
    minNotional: parsed.fractionable && parsed.minOrderSize === undefined ? FRACTIONAL_MIN_NOTIONAL : undefined,
  };
}
