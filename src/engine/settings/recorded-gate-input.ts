import type { AccountProfile } from '../accounts/account-profile.js';
import type { GateInput } from '../gates/gate.js';
import { toDecimal } from '../money/decimal.js';
import type { Proposal } from '../proposals/proposal.js';
import { pickThresholds, type Thresholds } from './threshold-settings.js';

type TradeFields = 'symbol' | 'side' | 'size' | 'orderType' | 'limitPrice' | 'stopPrice' | 'targetPrice' | 'confidence';

/**
 * What the gates looked at for one decision, as plain JSON for the decision log. Reduced
 * to what a gate can read: the gates look at the account's maps (open orders, open sells,
 * last approval) only for the proposal's symbol, and count only positions that are not
 * zero, so a verdict on the recorded input equals the verdict on the live one.
 */
export interface RecordedGateInput {
  readonly now: string;
  readonly proposal: Pick<Proposal, TradeFields>;
  readonly thresholds: Thresholds;
  readonly state: {
    readonly equity: string;
    readonly dayStartEquity: string;
    /** [symbol, quantity, market value] of each position that is not zero. */
    readonly positions: readonly (readonly [string, string, string])[];
    readonly openOrder: boolean;
    readonly openSell?: string;
    readonly shortingEnabled: boolean;
    readonly lastActivity?: string;
  };
  readonly market: {
    readonly symbol: string;
    readonly price: string;
    readonly observedAt: string;
    readonly rules: { readonly quantityIncrement: string; readonly priceIncrement: string; readonly minQuantity: string; readonly minNotional?: string };
  };
  readonly controls: { readonly paused: boolean; readonly halted: boolean };
}

export function recordGateInput(input: GateInput): RecordedGateInput {
  const { proposal, state, market } = input;
  const { symbol } = proposal;
  const openSell = state.openSellQuantity[symbol];
  const lastActivity = state.lastActivity[symbol];
  const { minNotional } = market.rules;
  return {
    now: input.now.toISOString(),
    proposal: {
      symbol,
      side: proposal.side,
      size: proposal.size,
      orderType: proposal.orderType,
      ...(proposal.limitPrice === undefined ? {} : { limitPrice: proposal.limitPrice }),
      ...(proposal.stopPrice === undefined ? {} : { stopPrice: proposal.stopPrice }),
      ...(proposal.targetPrice === undefined ? {} : { targetPrice: proposal.targetPrice }),
      confidence: proposal.confidence,
    },
    thresholds: pickThresholds(input.account),
    state: {
      equity: state.equity.toFixed(),
      dayStartEquity: state.dayStartEquity.toFixed(),
      positions: state.positions.filter((p) => !p.quantity.isZero()).map((p) => [p.symbol, p.quantity.toFixed(), p.marketValue.toFixed()] as const),
      openOrder: state.openOrderSymbols.includes(symbol),
      ...(openSell === undefined ? {} : { openSell: openSell.toFixed() }),
      shortingEnabled: state.shortingEnabled,
      ...(lastActivity === undefined ? {} : { lastActivity }),
    },
    market: {
      symbol: market.symbol,
      price: market.price.toFixed(),
      // An invalid time is kept as such: the stale-data gate blocks on it, and must again.
      observedAt: Number.isNaN(market.observedAt.getTime()) ? 'invalid' : market.observedAt.toISOString(),
      rules: {
        quantityIncrement: market.rules.quantityIncrement.toFixed(),
        priceIncrement: market.rules.priceIncrement.toFixed(),
        minQuantity: market.rules.minQuantity.toFixed(),
        ...(minNotional === undefined ? {} : { minNotional: minNotional.toFixed() }),
      },
    },
    controls: { paused: input.controls.paused, halted: input.controls.halted },
  };
}

/**
 * The recorded input as the gates take it, judged with `account` (the thresholds to try).
 * The proposal's bookkeeping fields are blank: gates read only the trade itself.
 */
export function hydrateGateInput(recorded: RecordedGateInput, account: AccountProfile): GateInput {
  const { state, market, proposal } = recorded;
  const { symbol } = proposal;
  return {
    now: new Date(recorded.now),
    account,
    proposal: {
      ...proposal,
      id: '',
      accountId: account.id,
      venue: account.venue,
      source: 'manual',
      rationale: '',
      referencePrice: market.price,
      createdAt: recorded.now,
      expiresAt: recorded.now,
      gateTrace: { evaluatedAt: recorded.now, verdicts: [], notEvaluated: [], passed: false },
      state: 'pending',
      history: [],
    },
    state: {
      equity: toDecimal(state.equity),
      dayStartEquity: toDecimal(state.dayStartEquity),
      positions: state.positions.map(([s, quantity, value]) => ({ symbol: s, quantity: toDecimal(quantity), marketValue: toDecimal(value) })),
      openOrderSymbols: state.openOrder ? [symbol] : [],
      openSellQuantity: state.openSell === undefined ? {} : { [symbol]: toDecimal(state.openSell) },
      shortingEnabled: state.shortingEnabled,
      lastActivity: state.lastActivity === undefined ? {} : { [symbol]: state.lastActivity },
    },
    market: {
      symbol: market.symbol,
      price: toDecimal(market.price),
      observedAt: new Date(market.observedAt === 'invalid' ? Number.NaN : market.observedAt),
      rules: {
        quantityIncrement: toDecimal(market.rules.quantityIncrement),
        priceIncrement: toDecimal(market.rules.priceIncrement),
        minQuantity: toDecimal(market.rules.minQuantity),
        ...(market.rules.minNotional === undefined ? {} : { minNotional: toDecimal(market.rules.minNotional) }),
      },
    },
    controls: recorded.controls,
  };
}
