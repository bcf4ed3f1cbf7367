import type { AccountState, MarketSnapshot } from './gate.js';
import type { AccountRuntime } from '../execution/execution-deps.js';
import { Decimal, toDecimal } from '../money/decimal.js';
import { isFinalOrderState, type OrderRecord } from '../orders/order-record.js';
import type { TradingState } from '../ports/trading-store.js';

/**
 * The account as the gates see it: the broker's equity, positions and whether it may
 * short, our open orders, and when each symbol last had an approval (for the cooldown).
 * Reads live state only.
 */
export async function getAccountState(
  runtime: AccountRuntime,
  trading: Readonly<TradingState>,
  market: Pick<MarketSnapshot, 'symbol' | 'price'>,
): Promise<AccountState> {
  const [account, positions] = await Promise.all([runtime.broker.getAccount(), runtime.broker.getPositions()]);
  const id = runtime.profile.id;
  const lastActivity: Record<string, string> = {};
  for (const [symbol, activity] of Object.entries(trading.activity[id] ?? {})) {
    if (activity.lastApprovedAt !== undefined) lastActivity[symbol] = activity.lastApprovedAt;
  }
  const open = Object.values(trading.orders).filter((o) => o.accountId === id && !isFinalOrderState(o.state));
  return {
    equity: account.equity,
    dayStartEquity: account.dayStartEquity ?? account.equity,
    positions: positions.map((p) => ({
      symbol: p.symbol,
      quantity: p.quantity,
      // Marked at the fresh price for the proposal's symbol, at cost for the others.
      marketValue: p.quantity.mul(p.symbol === market.symbol ? market.price : p.averageEntryPrice),
    })),
    openOrderSymbols: open.map((o) => o.symbol),
    openSellQuantity: sumOpenSells(open),
    shortingEnabled: account.shortingEnabled === true,
    lastActivity,
  };
}

/** What each open sell has left to sell; an order stored before it had a quantity counts as 0. */
function sumOpenSells(open: readonly OrderRecord[]): Record<string, Decimal> {
  const totals: Record<string, Decimal> = {};
  for (const order of open) {
    if (order.side !== 'sell' || order.quantity === undefined) continue;
    const left = Decimal.max(toDecimal(order.quantity).minus(order.filledQuantity), 0);
    totals[order.symbol] = (totals[order.symbol] ?? new Decimal(0)).plus(left);
  }
  return totals;
}
