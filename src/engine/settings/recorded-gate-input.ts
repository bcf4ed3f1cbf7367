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
    /** [quantity, market value] of the proposal's symbol, when held. */
    readonly position?: readonly [string, string];
    /** How many other symbols are held (not zero): all max_open_positions counts of them. */
    readonly otherPositions: number;
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
  const own = state.positions.find((p) => p.symbol === symbol && !p.quantity.isZero());
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
      ...(own === undefined ? {} : { position: [own.quantity.toFixed(), own.marketValue.toFixed()] as const }),
      otherPositions: state.positions.filter((p) => p.symbol !== symbol && !p.quantity.isZero()).length,
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
 * The proposal's bookkeeping fields are blank (gates read only the trade itself), other
 * held symbols stand in by count, and the account state and market are built on first
 * read: most re-runs read only the proposal and the account, and a preview runs over
 * 100,000 decisions.
 */
export function hydrateGateInput(recorded: RecordedGateInput, account: AccountProfile): GateInput {
  return new LazyGateInput(recorded, account);
}

/** A class, not an object literal with getters: a preview builds one per decision it re-runs. */
class LazyGateInput implements GateInput {
  #proposal: Proposal | undefined;
  #state: GateInput['state'] | undefined;
  #market: GateInput['market'] | undefined;
  #now: Date | undefined;

  constructor(
    private readonly recorded: RecordedGateInput,
    readonly account: AccountProfile,
  ) {}

  get controls(): GateInput['controls'] {
    return this.recorded.controls;
  }

  get proposal(): Proposal {
    return (this.#proposal ??= hydrateProposal(this.recorded, this.account));
  }

  get now(): Date {
    return (this.#now ??= new Date(this.recorded.now));
  }

  get state(): GateInput['state'] {
    return (this.#state ??= hydrateState(this.recorded));
  }

  get market(): GateInput['market'] {
    return (this.#market ??= hydrateMarket(this.recorded));
  }
}

function hydrateProposal({ proposal, now, market }: RecordedGateInput, account: AccountProfile): Proposal {
  // One fixed shape, no spread: absent prices stay undefined, which is how the gates test them.
  return {
    id: '',
    accountId: account.id,
    venue: account.venue,
    symbol: proposal.symbol,
    side: proposal.side,
    size: proposal.size,
    orderType: proposal.orderType,
    limitPrice: proposal.limitPrice,
    stopPrice: proposal.stopPrice,
    targetPrice: proposal.targetPrice,
    source: 'manual',
    confidence: proposal.confidence,
    rationale: '',
    referencePrice: market.price,
    createdAt: now,
    expiresAt: now,
    gateTrace: EMPTY_TRACE,
    state: 'pending',
    history: [],
  } as Proposal;
}

const EMPTY_TRACE = Object.freeze({ evaluatedAt: '', verdicts: [], notEvaluated: [], passed: false });

function hydrateState({ state, proposal }: RecordedGateInput): GateInput['state'] {
  const { symbol } = proposal;
  const others = Array.from({ length: state.otherPositions }, (_, i) => ({ symbol: `\u0000held-${i}`, quantity: ONE, marketValue: ZERO }));
  const own = state.position === undefined ? [] : [{ symbol, quantity: toDecimal(state.position[0]), marketValue: toDecimal(state.position[1]) }];
  return {
    equity: toDecimal(state.equity),
    dayStartEquity: toDecimal(state.dayStartEquity),
    positions: [...own, ...others],
    openOrderSymbols: state.openOrder ? [symbol] : [],
    openSellQuantity: state.openSell === undefined ? {} : { [symbol]: toDecimal(state.openSell) },
    shortingEnabled: state.shortingEnabled,
    lastActivity: state.lastActivity === undefined ? {} : { [symbol]: state.lastActivity },
  };
}

function hydrateMarket({ market }: RecordedGateInput): GateInput['market'] {
  return {
    symbol: market.symbol,
    price: toDecimal(market.price),
    observedAt: new Date(market.observedAt === 'invalid' ? Number.NaN : market.observedAt),
    rules: {
      quantityIncrement: toDecimal(market.rules.quantityIncrement),
      priceIncrement: toDecimal(market.rules.priceIncrement),
      minQuantity: toDecimal(market.rules.minQuantity),
      ...(market.rules.minNotional === undefined ? {} : { minNotional: toDecimal(market.rules.minNotional) }),
    },
  };
}

const ONE = toDecimal(1);
const ZERO = toDecimal(0);
