import type { Decimal } from '../money/decimal.js';
import type { Venue } from '../accounts/venue.js';
import type { OrderType, Side, TimeInForce } from '../proposals/proposal.js';

/** An order as the engine asks for it; quantities and prices are already rounded. */
export interface OrderRequest {
  /** Derived from the proposal id: the venue's idempotency key. */
  readonly clientOrderId: string;
  readonly symbol: string;
  readonly side: Side;
  readonly type: OrderType;
  /** Exactly one of quantity and notional. */
  readonly quantity?: Decimal;
  readonly notional?: Decimal;
  readonly limitPrice?: Decimal;
  /** Absent: the venue's default for the symbol (see `defaultTimeInForce`). */
  readonly timeInForce?: TimeInForce;
}

export type BrokerOrderStatus = 'open' | 'partially_filled' | 'filled' | 'canceled' | 'rejected' | 'expired';

/** An order as the venue reports it, normalized. */
export interface BrokerOrder {
  readonly venueOrderId: string;
  readonly clientOrderId: string;
  readonly symbol: string;
  readonly side: Side;
  readonly status: BrokerOrderStatus;
  readonly filledQuantity: Decimal;
  /** Undefined until something filled. */
  readonly averagePrice?: Decimal;
  /** In quote currency. */
  readonly fees: Decimal;
  /** The venue's reason for a rejection or cancelation, when it gives one. */
  readonly reason?: string;
}

export interface BrokerPosition {
  readonly symbol: string;
  /** Signed: negative is short. */
  readonly quantity: Decimal;
  readonly averageEntryPrice: Decimal;
}

export interface BrokerAccount {
  readonly equity: Decimal;
  readonly cash: Decimal;
  /** Equity at the start of the venue's trading day, when the venue reports it. */
  readonly dayStartEquity?: Decimal;
  /**
   * Whether the account may sell what it does not hold: Alpaca margin accounts say so in
   * `shorting_enabled`; paper and spot crypto never can. Absent means it cannot, so a
   * sell beyond the position is refused at proposal time instead of by the venue.
   */
  readonly shortingEnabled?: boolean;
}

/** The venue's increments for one symbol; every order is rounded to them in one place. */
export interface MarketRules {
  readonly quantityIncrement: Decimal;
  readonly priceIncrement: Decimal;
  readonly minQuantity: Decimal;
  readonly minNotional?: Decimal;
}

/**
 * The port every venue adapter implements. Expected negatives are values; failures are
 * the typed errors in broker-errors.ts, which say whether the order may exist.
 */
export interface Broker {
  readonly venue: Venue;
  submitOrder(request: OrderRequest): Promise<BrokerOrder>;
  /** The order with this client id, or undefined when the venue certainly has none. */
  getOrderByClientId(clientOrderId: string, symbol: string): Promise<BrokerOrder | undefined>;
  cancelOrder(order: BrokerOrder): Promise<void>;
  /** Cancels every open order on the account; resolves with how many were canceled. */
  cancelAllOpenOrders(): Promise<number>;
  getPositions(): Promise<readonly BrokerPosition[]>;
  getAccount(): Promise<BrokerAccount>;
  getMarketRules(symbol: string): Promise<MarketRules>;
}
