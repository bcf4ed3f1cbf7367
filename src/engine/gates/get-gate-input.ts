import type { AccountRuntime } from '../execution/execution-deps.js';
import type { PriceQuote } from '../ports/market-data.js';
import type { TradingState } from '../ports/trading-store.js';
import type { Proposal } from '../proposals/proposal.js';
import type { GateInput } from './gate.js';
import { getAccountState } from './get-account-state.js';

/**
 * Everything the gates look at, gathered from the venue and the live state in one place,
 * so proposing and the re-check at tap time judge a proposal on the same kind of facts.
 * The gates themselves stay pure functions of this value.
 */
export async function getGateInput(runtime: AccountRuntime, trading: Readonly<TradingState>, proposal: Proposal, quote: PriceQuote, now: Date): Promise<GateInput> {
  const [rules, state] = await Promise.all([
    runtime.broker.getMarketRules(proposal.symbol),
    getAccountState(runtime, trading, { symbol: proposal.symbol, price: quote.price }),
  ]);
  return {
    proposal,
    account: runtime.profile,
    state,
    market: { symbol: proposal.symbol, price: quote.price, observedAt: quote.observedAt, rules },
    controls: trading.controls,
    now,
  };
}
