import type { AccountState, MarketSnapshot } from './gate.js';
import type { AccountRuntime } from '../execution/execution-deps.js';
import { isFinalOrderState } from '../orders/order-record.js';
import type { TradingState } from '../ports/trading-store.js';

/**
 * The account as the gates see it: the broker's equity and positions, our open orders,
 * and when each symbol last had an approval (for the cooldown). Reads live state only.
 */
export async function getAccountState(runtime: AccountRuntime, trading: Readonly<TradingState>, market: MarketSnapshot): Promise<AccountState> {
  const [account, positions] = await Promise.all([runtime.broker.getAccount(), runtime.broker.getPositions()]);
  const id = runtime.profile.id;
  const lastActivity: Record<string, string> = {};
  for (const [symbol, activity] of Object.entries(trading.activity[id] ?? {})) {
    if (activity.lastApprovedAt !== undefined) lastActivity[symbol] = activity.lastApprovedAt;
  }
  return {
    equity: account.equity,
    dayStartEquity: account.dayStartEquity ?? account.equity,
    positions: positions.map((p) => ({
      symbol: p.symbol,
      quantity: p.quantity,
      // Marked at the fresh price for the proposal's symbol, at cost for the others.
      marketValue: p.quantity.mul(p.symbol === market.symbol ? market.price : p.averageEntryPrice),
    })),
    openOrderSymbols: Object.values(trading.orders)
      .filter((o) => o.accountId === id && !isFinalOrderState(o.state))
      .map((o) => o.symbol),
    lastActivity,
  };
}
