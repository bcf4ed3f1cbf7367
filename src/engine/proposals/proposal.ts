import { getAssetClass } from '../market/asset-class.js';
import { toDecimal, type DecimalString } from '../money/decimal.js';
import type { GateTrace } from '../gates/gate.js';

import type { Venue } from '../accounts/venue.js';
export type Side = 'buy' | 'sell';
export type OrderType = 'market' | 'limit';
/** How long an order may wait at the venue: until canceled, or until the NYSE close of its day. */
export type TimeInForce = 'gtc' | 'day';
/** `signal:<source id>`: an outside signal (a TradingView alert, say) posted to /signals/<source id>. */
export type ProposalSource = 'manual' | 'research' | `strategy:${string}` | `signal:${string}`;

export const PROPOSAL_STATES = [
  'pending',
  'approved',
  'submitted',
  'partially_filled',
  'filled',
  'rejected',
  'expired',
  'canceled',
  'failed',
] as const;
export type ProposalState = (typeof PROPOSAL_STATES)[number];

/** A size is a quantity of the asset, or an amount of quote currency to spend. */
export type ProposalSize = { kind: 'quantity'; quantity: DecimalString } | { kind: 'notional'; notional: DecimalString };

export interface Decision {
  readonly decision: 'approved' | 'rejected';
  readonly by: number;
  readonly byName: string;
  readonly at: string;
}

export interface ProposalEvent {
  readonly state: ProposalState;
  readonly at: string;
  readonly by?: number;
  readonly note?: string;
}

export interface FillSummary {
  readonly filledQuantity: DecimalString;
  readonly averagePrice: DecimalString;
  readonly fees: DecimalString;
  /** Signed, in quote currency per unit: positive means worse than the reference price. */
  readonly slippage: DecimalString;
}

/** One trade idea, from creation to its final state. Persisted whole. */
export interface Proposal {
  readonly id: string;
  readonly accountId: string;
  readonly venue: Venue;
  readonly symbol: string;
  readonly side: Side;
  readonly size: ProposalSize;
  readonly orderType: OrderType;
  readonly limitPrice?: DecimalString;
  /** Absent on proposals stored before it existed: `getTimeInForce` gives the default. */
  readonly timeInForce?: TimeInForce;
  readonly stopPrice?: DecimalString;
  readonly targetPrice?: DecimalString;
  readonly source: ProposalSource;
  /** 0–1: how sure the source is. Gated by the account's minimum. */
  readonly confidence: number;
  readonly rationale: string;
  readonly referencePrice: DecimalString;
  readonly createdAt: string;
  readonly expiresAt: string;
  readonly createdBy?: number;
  readonly gateTrace: GateTrace;
  readonly state: ProposalState;
  readonly decision?: Decision;
  readonly history: readonly ProposalEvent[];
  readonly fill?: FillSummary;
  /** Why it failed, was refused at tap time, or was canceled: shown in the chat. */
  readonly reason?: string;
}

export function isFinalState(state: ProposalState): boolean {
  return state === 'filled' || state === 'rejected' || state === 'expired' || state === 'canceled' || state === 'failed';
}

/**
 * The time in force an order gets when nobody chose one. Crypto: good till canceled
 * (Alpaca takes only gtc or ioc for crypto; spot exchanges rest limits until canceled).
 * Stocks: a market order is a day order (it fills at once while the market is open); a
 * limit order rests until canceled, except a fractional or notional one at Alpaca, which
 * Alpaca accepts only as a day order (https://docs.alpaca.markets/docs/fractional-trading).
 */
export function defaultTimeInForce(proposal: Pick<Proposal, 'venue' | 'symbol' | 'orderType' | 'size'>): TimeInForce {
  if (getAssetClass(proposal.symbol) === 'crypto') return 'gtc';
  if (proposal.orderType === 'market') return 'day';
  const wholeShares = proposal.size.kind === 'quantity' && toDecimal(proposal.size.quantity).isInteger();
  return proposal.venue === 'alpaca' && !wholeShares ? 'day' : 'gtc';
}

export function getTimeInForce(proposal: Pick<Proposal, 'venue' | 'symbol' | 'orderType' | 'size' | 'timeInForce'>): TimeInForce {
  return proposal.timeInForce ?? defaultTimeInForce(proposal);
}
