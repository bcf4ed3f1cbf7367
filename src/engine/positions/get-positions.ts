import type { AccountRuntime } from '../execution/execution-deps.js';
import type { Decimal } from '../money/decimal.js';
import { calculateUnrealized } from '../outcomes/calculate-unrealized.js';
import type { OpenLot } from '../outcomes/compute-lots.js';
import { exact, sum } from '../outcomes/exact-decimal.js';
import type { BrokerPosition } from '../ports/broker.js';

export interface PositionView {
  readonly symbol: string;
  readonly quantity: Decimal;
  readonly averagePrice: Decimal;
  readonly price: Decimal | undefined;
  /** What the quantity cost; with `costBasis` 'fills' the entry fees are in it. */
  readonly cost: Decimal;
  /**
   * 'fills': the open lots of our own fills, the very cost /pnl values, fees included.
   * 'venue': the venue's average price × quantity, because the position was not all
   * bought through this bot (so its fees are not known here).
   */
  readonly costBasis: 'fills' | 'venue';
  /** calculateUnrealized at `price`; undefined without a price. */
  readonly unrealizedPnl: Decimal | undefined;
  /** The venue's price tick and quantity step, for showing numbers at its precision. */
  readonly priceTick?: Decimal;
  readonly quantityStep?: Decimal;
}

export interface AccountPositions {
  readonly accountId: string;
  readonly live: boolean;
  readonly positions: readonly PositionView[];
  /** Set when the venue could not be asked. */
  readonly error?: string;
}

/**
 * Positions of every account as the venue reports them, marked at the latest price.
 * `openLots` are the FIFO lots of our fills (outcomes): where they account for the whole
 * position, its cost is theirs, so /positions and /pnl show the same unrealized P&L.
 */
export async function getPositions(accounts: Iterable<AccountRuntime>, openLots: readonly OpenLot[] = []): Promise<AccountPositions[]> {
  const result: AccountPositions[] = [];
  for (const runtime of accounts) {
    const { id, live } = runtime.profile;
    try {
      const positions = await runtime.broker.getPositions();
      const views = await Promise.all(positions.map((p) => viewOf(runtime, p, openLots.filter((l) => l.accountId === id && l.symbol === p.symbol))));
      result.push({ accountId: id, live, positions: views });
    } catch (error) {
      result.push({ accountId: id, live, positions: [], error: error instanceof Error ? error.message : String(error) });
    }
  }
  return result;
}

async function viewOf(runtime: AccountRuntime, position: BrokerPosition, lots: readonly OpenLot[]): Promise<PositionView> {
  const [quote, rules] = await Promise.all([
    runtime.market.latestPrice(position.symbol),
    // Precision only makes the numbers tidier: a venue that cannot say leaves the default.
    runtime.broker.getMarketRules(position.symbol).catch(() => undefined),
  ]);
  const lotQuantity = sum(lots.map((l) => l.quantity));
  const ours = lots.length > 0 && lotQuantity.eq(position.quantity);
  const cost = ours ? sum(lots.map((l) => l.cost)) : exact(position.averageEntryPrice).mul(position.quantity);
  const held = { quantity: position.quantity, cost };
  return {
    symbol: position.symbol,
    quantity: position.quantity,
    averagePrice: position.averageEntryPrice,
    price: quote?.price,
    cost,
    costBasis: ours ? 'fills' : 'venue',
    unrealizedPnl: quote === undefined ? undefined : calculateUnrealized(held, quote.price),
    ...(rules === undefined ? {} : { priceTick: rules.priceIncrement, quantityStep: rules.quantityIncrement }),
  };
}
