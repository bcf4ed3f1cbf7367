import type { AccountRuntime } from '../execution/execution-deps.js';
import type { Decimal } from '../money/decimal.js';

export interface PositionView {
  readonly symbol: string;
  readonly quantity: Decimal;
  readonly averagePrice: Decimal;
  readonly price: Decimal | undefined;
  /** (price − average) × quantity; undefined without a price. */
  readonly unrealizedPnl: Decimal | undefined;
}

export interface AccountPositions {
  readonly accountId: string;
  readonly live: boolean;
  readonly positions: readonly PositionView[];
  /** Set when the venue could not be asked. */
  readonly error?: string;
}

/** Positions of every account, marked at the latest price. */
export async function getPositions(accounts: Iterable<AccountRuntime>): Promise<AccountPositions[]> {
  const result: AccountPositions[] = [];
  for (const runtime of accounts) {
    try {
      const positions = await runtime.broker.getPositions();
      const views = await Promise.all(
        positions.map(async (p): Promise<PositionView> => {
          const quote = await runtime.market.latestPrice(p.symbol);
          return {
            symbol: p.symbol,
            quantity: p.quantity,
            averagePrice: p.averageEntryPrice,
            price: quote?.price,
            unrealizedPnl: quote === undefined ? undefined : quote.price.minus(p.averageEntryPrice).mul(p.quantity),
          };
        }),
      );
      result.push({ accountId: runtime.profile.id, live: runtime.profile.live, positions: views });
    } catch (error) {
      result.push({ accountId: runtime.profile.id, live: runtime.profile.live, positions: [], error: error instanceof Error ? error.message : String(error) });
    }
  }
  return result;
}
