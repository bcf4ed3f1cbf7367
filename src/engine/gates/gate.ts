import type { Decimal } from '../money/decimal.js';
import type { AccountProfile } from '../accounts/account-profile.js';
import type { MarketRules } from '../ports/broker.js';
import type { Proposal } from '../proposals/proposal.js';

/** A gate's answer. A block is an expected negative: a value, never an exception. */
export type GateVerdict =
  | { readonly gate: string; readonly outcome: 'pass'; readonly details?: Readonly<Record<string, unknown>> }
  | { readonly gate: string; readonly outcome: 'block'; readonly reason: string; readonly details?: Readonly<Record<string, unknown>> };

/** The whole record of one run: every verdict, the blocking gate, and those never reached. */
export interface GateTrace {
  readonly evaluatedAt: string;
  readonly verdicts: readonly GateVerdict[];
  readonly blockedBy?: string;
  readonly notEvaluated: readonly string[];
  readonly passed: boolean;
}

export interface OpenPosition {
  readonly symbol: string;
  /** Signed: negative is short. */
  readonly quantity: Decimal;
  readonly marketValue: Decimal;
}

/** What the account holds now, as its broker reports it. */
export interface AccountState {
  readonly equity: Decimal;
  /** Equity at the start of the trading day (UTC for crypto venues, ET for stocks). */
  readonly dayStartEquity: Decimal;
  readonly positions: readonly OpenPosition[];
  /** Orders submitted and not final, per symbol. */
  readonly openOrderSymbols: readonly string[];
  /** What our open sell orders still have to sell, per symbol: already promised away. */
  readonly openSellQuantity: Readonly<Record<string, Decimal>>;
  /** Whether the venue lets this account sell what it does not hold (see BrokerAccount). */
  readonly shortingEnabled: boolean;
  /** When this account last had a proposal approved per symbol (for the cooldown). */
  readonly lastActivity: Readonly<Record<string, string>>;
}

export interface MarketSnapshot {
  readonly symbol: string;
  readonly price: Decimal;
  /** When the price was observed at the venue. */
  readonly observedAt: Date;
  /** The venue's increments and minimums for the symbol. */
  readonly rules: MarketRules;
}

/** Switches the person controls from the chat. */
export interface TradingControls {
  readonly paused: boolean;
  readonly halted: boolean;
}

export interface GateInput {
  readonly proposal: Proposal;
  readonly account: AccountProfile;
  readonly state: AccountState;
  readonly market: MarketSnapshot;
  readonly controls: TradingControls;
  readonly now: Date;
}

export interface Gate {
  readonly name: string;
  check(input: GateInput): GateVerdict;
}
