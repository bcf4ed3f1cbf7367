import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toDecimal } from '../../../src/engine/money/decimal.js';
import { calculatePnl } from '../../../src/engine/outcomes/calculate-pnl.js';
import { buildFills } from '../../../src/engine/outcomes/build-fills.js';
import { createOutcomes } from '../../../src/engine/outcomes/create-outcomes.js';
import type { FilledOrder } from '../../../src/engine/ports/history-reader.js';
import { makeOrder } from './outcome-fixtures.js';

const NOW = new Date('2026-02-01T00:00:00.000Z');

/** One order that filled: placed at minute `placed`, so arriving late can break FIFO order. */
const order = fc.record({
  symbol: fc.constantFrom('BTC/USDT', 'ETH/USDT'),
  side: fc.constantFrom('buy' as const, 'sell' as const),
  quantity: fc.integer({ min: 1, max: 5_000 }).map((n) => (n / 1_000).toString()),
  price: fc.integer({ min: 100, max: 900_000 }).map((n) => (n / 100).toString()),
  fee: fc.integer({ min: 0, max: 500 }).map((n) => (n / 1_000).toString()),
  placed: fc.integer({ min: 0, max: 40_000 }),
  live: fc.boolean(),
});

const totalsOf = (report: Awaited<ReturnType<ReturnType<typeof createOutcomes>['pnl']>>) =>
  [report.totals.realized, report.totals.unrealized, report.totals.fees].map((d) => d.toFixed()).join(' ');

describe('P&L kept between calls', () => {
  it('always equals P&L computed from scratch, as settled fills arrive in batches, some out of FIFO order, with live fills on top', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(order, { maxLength: 12 }), { minLength: 1, maxLength: 6 }), async (batches) => {
        const settled: FilledOrder[] = [];
        let live: FilledOrder[] = [];
        const outcomes = createOutcomes({
          settledFills: async () => settled,
          liveFills: () => live,
          proposalsSince: async () => [],
          marks: async (_account, symbol) => toDecimal(symbol === 'BTC/USDT' ? '500' : '20'),
          clock: () => NOW,
        });
        let n = 0;
        for (const batch of batches) {
          live = [];
          for (const spec of batch) {
            const at = new Date(Date.UTC(2026, 0, 1) + spec.placed * 60_000).toISOString();
            const record = makeOrder({ clientOrderId: `c${n}`, proposalId: `p${n++}`, symbol: spec.symbol, side: spec.side, filledQuantity: spec.quantity, averagePrice: spec.price, fees: spec.fee, createdAt: at, updatedAt: at });
            (spec.live ? live : settled).push({ order: record, source: 'manual' });
          }
          const fromScratch = calculatePnl(buildFills([...settled, ...live]), (_a, symbol) => toDecimal(symbol === 'BTC/USDT' ? '500' : '20'));
          const kept = await outcomes.pnl('all');
          expect(totalsOf(kept), 'the kept book agrees with a full replay').toBe([fromScratch.totals.realized, fromScratch.totals.unrealized, fromScratch.totals.fees].map((d) => d.toFixed()).join(' '));
          expect(kept.trades.length, 'the same trades').toBe(fromScratch.trades.length);
        }
      }),
      { seed: Number(process.env.TEST_SEED ?? Date.now() % 2 ** 31), numRuns: 150 },
    );
  });
});
