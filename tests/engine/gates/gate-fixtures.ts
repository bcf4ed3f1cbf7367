import type { AccountProfile } from '../../../src/engine/accounts/account-profile.js';
import type { AccountState, GateInput, GateTrace, MarketSnapshot, OpenPosition, TradingControls } from '../../../src/engine/gates/gate.js';
import { toDecimal } from '../../../src/engine/money/decimal.js';
import type { MarketRules } from '../../../src/engine/ports/broker.js';
import type { Proposal } from '../../../src/engine/proposals/proposal.js';

/** Tuesday 2026-03-10 11:00 ET (15:00Z, after the DST switch): NYSE is open. */
export const MARKET_HOURS = new Date('2026-03-10T15:00:00.000Z');

/** Whole shares on a cent tick, no minimum value: every default proposal fits. */
export const STOCK_RULES: MarketRules = { quantityIncrement: toDecimal(1), priceIncrement: toDecimal('0.01'), minQuantity: toDecimal(1) };

export const EMPTY_TRACE: GateTrace = { evaluatedAt: MARKET_HOURS.toISOString(), verdicts: [], notEvaluated: [], passed: true };

export function makeAccount(overrides: Partial<AccountProfile> = {}): AccountProfile {
  return {
    id: 'main',
    venue: 'paper',
    live: false,
    minConfidence: 0.6,
    maxPositionPct: 10,
    maxPositionNotional: 20_000,
    maxOpenPositions: 5,
    maxDailyLossPct: 3,
    cooldownMinutes: 15,
    priceDriftTolerancePct: 1,
    limitPriceBandPct: 5,
    stopTargetBandPct: 25,
    maxDataAgeSeconds: 60,
    proposalTtlMinutes: 30,
    fillTimeoutSeconds: 60,
    approvalBandLowPct: 30,
    approvalBandHighPct: 50,
    paper: { slippageBps: 5, feeBps: 0, startingCash: 100_000 },
    ...overrides,
  };
}

/** A market buy of 10 AAPL at a reference of 100, confident enough for the default account. */
export function makeProposal(overrides: Partial<Proposal> = {}): Proposal {
  return {
    id: 'p-1',
    accountId: 'main',
    venue: 'paper',
    symbol: 'AAPL',
    side: 'buy',
    size: { kind: 'quantity', quantity: '10' },
    orderType: 'market',
    source: 'manual',
    confidence: 0.8,
    rationale: 'test',
    referencePrice: '100',
    createdAt: MARKET_HOURS.toISOString(),
    expiresAt: new Date(MARKET_HOURS.getTime() + 30 * 60_000).toISOString(),
    gateTrace: EMPTY_TRACE,
    state: 'pending',
    history: [],
    ...overrides,
  };
}

export function makePosition(symbol: string, quantity: string, marketValue: string): OpenPosition {
  return { symbol, quantity: toDecimal(quantity), marketValue: toDecimal(marketValue) };
}

export interface GateInputOverrides {
  proposal?: Partial<Proposal>;
  account?: Partial<AccountProfile>;
  state?: Partial<AccountState>;
  market?: Partial<MarketSnapshot>;
  controls?: Partial<TradingControls>;
  now?: Date;
}

/**
 * A GateInput every default gate passes: NYSE open, fresh price of 100 for AAPL, a flat
 * 100,000 account, no controls engaged. Each test overrides only what it is about.
 */
export function makeGateInput(overrides: GateInputOverrides = {}): GateInput {
  const now = overrides.now ?? MARKET_HOURS;
  const proposal = makeProposal(overrides.proposal);
  return {
    proposal,
    account: makeAccount(overrides.account),
    state: {
      equity: toDecimal('100000'),
      dayStartEquity: toDecimal('100000'),
      positions: [],
      openOrderSymbols: [],
      openSellQuantity: {},
      shortingEnabled: false,
      lastActivity: {},
      ...overrides.state,
    },
    market: { symbol: proposal.symbol, price: toDecimal('100'), observedAt: new Date(now.getTime() - 5_000), rules: STOCK_RULES, ...overrides.market },
    controls: { paused: false, halted: false, ...overrides.controls },
    now,
  };
}
