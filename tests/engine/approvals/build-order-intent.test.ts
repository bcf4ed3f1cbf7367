import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildOrderIntent } from '../../../src/engine/approvals/build-order-intent.js';
import type { MarketRules } from '../../../src/engine/ports/broker.js';
import { getClientOrderId } from '../../../src/engine/execution/client-order-id.js';
import { Decimal, toDecimal } from '../../../src/engine/money/decimal.js';
import { parseStoreData } from '../../../src/store/parse-store-data.js';
import { createMemoryDocument } from '../../helpers/test-engine.js';
import { MARKET_HOURS, makeProposal } from '../gates/gate-fixtures.js';

const RULES: MarketRules = { quantityIncrement: new Decimal('0.001'), priceIncrement: new Decimal('0.01'), minQuantity: new Decimal('0.001') };
const PRICE = new Decimal('100');

function build(proposal: Parameters<typeof makeProposal>[0], rules: MarketRules = RULES, price: Decimal = PRICE) {
  return buildOrderIntent(makeProposal(proposal), price, rules, MARKET_HOURS);
}

function intentOf(result: ReturnType<typeof build>) {
  if (!result.ok) throw new Error(`refused: ${result.reason}`);
  return result.intent;
}

describe('buildOrderIntent: rounding in one place', () => {
  it('rounds the quantity down: never more than approved', () => {
    expect(intentOf(build({ size: { kind: 'quantity', quantity: '1.23456789' } })).quantity, '1.23456789 → 1.234').toBe('1.234');
  });

  it('rounds a buy limit down and a sell limit up: never a worse price than approved', () => {
    expect(intentOf(build({ orderType: 'limit', limitPrice: '100.129', side: 'buy' })).limitPrice, 'buy 100.129 → 100.12').toBe('100.12');
    expect(intentOf(build({ orderType: 'limit', limitPrice: '100.121', side: 'sell' })).limitPrice, 'sell 100.121 → 100.13').toBe('100.13');
    expect(intentOf(build({ orderType: 'limit', limitPrice: '100.12' })).limitPrice, 'already on the tick: unchanged').toBe('100.12');
  });

  it('turns a notional into a quantity at the fresh price, rounded down', () => {
    const intent = intentOf(build({ size: { kind: 'notional', notional: '1000' } }, RULES, new Decimal('333')));
    expect([intent.quantity, intent.notional], '1000 / 333 = 3.003003… → 3.003, and no notional').toEqual(['3.003', undefined]);
  });

  it('refuses a size below the venue minimum, also when rounding takes it to zero', () => {
    const rules = { ...RULES, minQuantity: new Decimal('0.01') };
    expect(build({ size: { kind: 'quantity', quantity: '0.009' } }, rules), 'under the minimum').toEqual({ ok: false, reason: "size 0.009 AAPL is below the venue's minimum of 0.01 AAPL (about 1.00 USD at 100.00)" });
    const tiny = build({ size: { kind: 'quantity', quantity: '0.0004' } });
    expect(tiny.ok ? 'sent' : tiny.reason, 'rounds to zero').toMatch(/is below the venue's minimum/);
  });

  it("refuses an order worth less than the venue's minimum notional", () => {
    const rules = { ...RULES, minNotional: new Decimal(5) };
    expect(build({ size: { kind: 'quantity', quantity: '0.04' } }, rules), '0.04 × 100 = 4 < 5').toEqual({ ok: false, reason: "order value 4.00 USD is below the venue's minimum of 5.00 USD" });
    expect(build({ size: { kind: 'quantity', quantity: '0.05' } }, rules).ok, 'exactly 5 is enough').toBe(true);
  });

  it('is an intent: stored before any network call, keyed by the proposal', () => {
    expect(intentOf(build({ id: 'p-42' })), 'nothing sent, nothing filled').toEqual({
      clientOrderId: getClientOrderId('p-42'),
      proposalId: 'p-42',
      accountId: 'main',
      venue: 'paper',
      symbol: 'AAPL',
      side: 'buy',
      type: 'market',
      timeInForce: 'day',
      quantity: '10',
      state: 'intent',
      filledQuantity: '0',
      fees: '0',
      submitAttempts: 0,
      createdAt: MARKET_HOURS.toISOString(),
      updatedAt: MARKET_HOURS.toISOString(),
    });
  });
});

describe('buildOrderIntent: properties', () => {
  const decimal = (min: number, max: number) => fc.integer({ min, max }).map((n) => new Decimal(n).div(1_000_000));
  const increment = fc.constantFrom('1', '0.1', '0.01', '0.001', '0.00001', '0.000000001').map((s) => new Decimal(s));

  it('quantity is on the increment, ≤ the approved size and within one increment of it', () => {
    fc.assert(
      fc.property(decimal(1, 10_000_000_000), increment, (size, step) => {
        const result = build({ size: { kind: 'quantity', quantity: size.toFixed() } }, { ...RULES, quantityIncrement: step, minQuantity: step });
        if (!result.ok) {
          expect(size.lt(step), 'refused only below one increment').toBe(true);
          return;
        }
        const quantity = toDecimal(result.intent.quantity ?? '0');
        expect(quantity.mod(step).isZero(), 'on the increment').toBe(true);
        expect(quantity.lte(size) && size.minus(quantity).lt(step), 'rounded down, by less than a step').toBe(true);
      }),
    );
  });

  it('a buy limit never rises, a sell limit never falls, and both stay within one tick', () => {
    fc.assert(
      fc.property(decimal(1, 1_000_000_000), increment, fc.constantFrom('buy' as const, 'sell' as const), (limit, tick, side) => {
        const intent = intentOf(build({ orderType: 'limit', limitPrice: limit.toFixed(), side, size: { kind: 'quantity', quantity: '1' } }, { ...RULES, priceIncrement: tick }));
        const rounded = toDecimal(intent.limitPrice ?? '0');
        expect(side === 'buy' ? rounded.lte(limit) : rounded.gte(limit), `${side} limit moves in the trader's favour`).toBe(true);
        expect(rounded.minus(limit).abs().lt(tick), 'by less than a tick').toBe(true);
      }),
    );
  });
});

describe('buildOrderIntent: what is stored can be loaded again', () => {
  // Regression, fixed (build-order-intent.ts: `limit.toString()`, `quantity.toString()`): decimal.js
  // writes 7e-7 and smaller in exponent notation, so a limit buy of a sub-micro token
  // stores limitPrice "6.1e-7", which the store schema rejects on the next start. Use
  // `toFixed()`.
  it('writes a sub-micro limit price in plain notation', () => {
    const rules = { quantityIncrement: new Decimal(1), priceIncrement: new Decimal('0.00000001'), minQuantity: new Decimal(1) };
    const intent = intentOf(build({ orderType: 'limit', limitPrice: '0.00000061', size: { kind: 'quantity', quantity: '1000000' } }, rules, new Decimal('0.0000006')));
    const document = createMemoryDocument();
    document.data.trading.orders[intent.clientOrderId] = intent;
    expect(() => parseStoreData(JSON.parse(JSON.stringify(document.data)), 'countersign.json'), 'the store loads after a restart').not.toThrow();
  });
});
