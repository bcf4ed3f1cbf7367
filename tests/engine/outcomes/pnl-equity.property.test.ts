import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toDecimal, type Decimal } from '../../../src/engine/money/decimal.js';
import type { Fill } from '../../../src/engine/outcomes/build-fills.js';
import { calculatePnl } from '../../../src/engine/outcomes/calculate-pnl.js';

const ACCOUNTS = ['a', 'b'] as const;
const SYMBOLS = ['BTC/USDT', 'ETH/USDT'] as const;
const SOURCES = ['manual', 'research', 'strategy:swing'] as const;

/** Decimals of a given scale drawn as integers, so they are exact by construction. */
const scaled = (min: number, max: number, scale: number) => fc.integer({ min, max }).map((n) => toDecimal(n).div(10 ** scale));

const step = fc.record({
  account: fc.constantFrom(...ACCOUNTS),
  symbol: fc.constantFrom(...SYMBOLS),
  source: fc.constantFrom(...SOURCES),
  side: fc.constantFrom('buy' as const, 'sell' as const),
  // Odd quantities (0.001 … 30) make the lot shares non-terminating decimals (1/3 of a lot).
  quantity: scaled(1, 30_000, 3),
  sellShare: fc.integer({ min: 1, max: 100 }),
  price: scaled(1, 10_000_000, 2),
  fee: scaled(0, 50_000, 4),
});

type Step = typeof step extends fc.Arbitrary<infer T> ? T : never;

const key = (account: string, symbol: string) => `${account} ${symbol}`;

/**
 * A random trading history: buys of any size, sells of a share of what is held (never
 * more), fees on both sides, and the cash it moves, tracked the plain way.
 */
function play(steps: readonly Step[]) {
  const held = new Map<string, Decimal>();
  let cash = toDecimal(0);
  const fills: Fill[] = [];
  steps.forEach((s, i) => {
    const k = key(s.account, s.symbol);
    const have = held.get(k) ?? toDecimal(0);
    const quantity = s.side === 'buy' ? s.quantity : have.mul(s.sellShare).div(100).toDecimalPlaces(3, 1);
    if (quantity.isZero()) return;
    held.set(k, s.side === 'buy' ? have.plus(quantity) : have.minus(quantity));
    const notional = quantity.mul(s.price);
    cash = s.side === 'buy' ? cash.minus(notional).minus(s.fee) : cash.plus(notional).minus(s.fee);
    const at = new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString();
    fills.push({ accountId: s.account, symbol: s.symbol, side: s.side, quantity, price: s.price, fee: s.fee, at, proposalId: `p${i}`, source: s.source });
  });
  return { fills, held, cash };
}

describe('P&L property: realized + unrealized = change in equity', () => {
  it('holds exactly, in Decimal, for random buys and sells with fees and random marks', () => {
    const marks = fc.record({ 'BTC/USDT': scaled(1, 10_000_000, 2), 'ETH/USDT': scaled(1, 10_000_000, 2) });
    fc.assert(
      fc.property(fc.array(step, { maxLength: 60 }), marks, (steps, prices) => {
        const { fills, held, cash } = play(steps);
        const report = calculatePnl(fills, (_account, symbol) => prices[symbol as keyof typeof prices]);
        // Starting cash is 0: equity change = final cash + what is held at the marks.
        let equity = cash;
        for (const [k, quantity] of held) equity = equity.plus(quantity.mul(prices[k.split(' ')[1] as keyof typeof prices]));
        const { realized, unrealized } = report.totals;
        expect(realized.plus(unrealized).toFixed(), 'exactly, not approximately').toBe(equity.toFixed());
        expect(report.unmatched, 'never sold more than held').toEqual([]);

        const sumOf = (groups: Readonly<Record<string, { total: Decimal }>>) => Object.values(groups).reduce((s, g) => s.plus(g.total), toDecimal(0));
        expect(sumOf(report.byAccount).toFixed(), 'the accounts add up').toBe(report.totals.total.toFixed());
        expect(sumOf(report.bySource).toFixed(), 'the sources add up').toBe(report.totals.total.toFixed());
        const remaining = report.open.reduce((s, l) => s.plus(l.quantity), toDecimal(0));
        const stillHeld = [...held.values()].reduce((s, q) => s.plus(q), toDecimal(0));
        expect(remaining.toFixed(), 'the open lots are what is held').toBe(stillHeld.toFixed());
      }),
      { numRuns: 300 },
    );
  });
});
