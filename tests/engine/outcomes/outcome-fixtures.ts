import type { Fill } from '../../../src/engine/outcomes/build-fills.js';
import { toDecimal, type Decimal } from '../../../src/engine/money/decimal.js';
import type { OrderRecord } from '../../../src/engine/orders/order-record.js';
import type { FilledOrder, ProposalSummary } from '../../../src/engine/ports/history-reader.js';

export interface FillSpec {
  side: 'buy' | 'sell';
  quantity: string;
  price: string;
  fee?: string;
  at: string;
  account?: string;
  symbol?: string;
  source?: Fill['source'];
  proposalId?: string;
}

let sequence = 0;

/** A fill written the way a person checks it on paper: strings in, decimals out. */
export function makeFill(spec: FillSpec): Fill {
  sequence += 1;
  return {
    accountId: spec.account ?? 'paper',
    symbol: spec.symbol ?? 'BTC/USDT',
    side: spec.side,
    quantity: toDecimal(spec.quantity),
    price: toDecimal(spec.price),
    fee: toDecimal(spec.fee ?? '0'),
    at: spec.at,
    proposalId: spec.proposalId ?? `p-${sequence}`,
    source: spec.source ?? 'manual',
  };
}

export function makeOrder(overrides: Partial<OrderRecord> & Pick<OrderRecord, 'clientOrderId' | 'proposalId'>): OrderRecord {
  return {
    accountId: 'paper',
    venue: 'paper',
    symbol: 'BTC/USDT',
    side: 'buy',
    type: 'market',
    state: 'filled',
    filledQuantity: '0',
    fees: '0',
    submitAttempts: 1,
    createdAt: '2026-11-20T10:00:00.000Z',
    updatedAt: '2026-11-20T10:00:01.000Z',
    ...overrides,
  };
}

/** Marks from a table keyed `account symbol`. */
export function marksFrom(table: Record<string, string>): (accountId: string, symbol: string) => Decimal | undefined {
  return (accountId, symbol) => {
    const price = table[`${accountId} ${symbol}`];
    return price === undefined ? undefined : toDecimal(price);
  };
}

/** Decimals compared as their plain digits, so a failure shows both numbers. */
export const digits = (value: Decimal | undefined) => value?.toFixed();

/** What outcomes read, from plain lists of orders (all settled) and proposals. */
export function recordsOf(orders: readonly OrderRecord[], proposals: readonly ProposalSummary[]) {
  const settled: FilledOrder[] = orders.map((order) => ({ order, source: proposals.find((p) => p.id === order.proposalId)?.source ?? 'unknown' }));
  return {
    settledFills: async (): Promise<readonly FilledOrder[]> => settled,
    liveFills: (): readonly FilledOrder[] => [],
    proposalsSince: async (since: Date) => proposals.filter((p) => p.createdAt >= since.toISOString()),
  };
}
