import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildOrderIntent } from '../../../src/engine/approvals/build-order-intent.js';
import { minOrderSizeGate } from '../../../src/engine/gates/min-order-size-gate.js';
import { Decimal, toDecimal } from '../../../src/engine/money/decimal.js';
import type { MarketRules } from '../../../src/engine/ports/broker.js';
import type { Proposal } from '../../../src/engine/proposals/proposal.js';
import { getPaperMarketRules } from '../../../src/engine/venues/paper/paper-broker.js';
import { MARKET_HOURS, makeGateInput, makeProposal } from './gate-fixtures.js';

const SOL = { symbol: 'SOL/USDT', price: toDecimal('144.1'), rules: getPaperMarketRules('SOL/USDT') };

describe('min_order_size gate', () => {
  it('refuses dust at proposal time: buy $0.0000001 of SOL', () => {
    const verdict = minOrderSizeGate.check(makeGateInput({ proposal: { symbol: 'SOL/USDT', size: { kind: 'notional', notional: '0.0000001' } }, market: SOL }));
    expect(verdict.outcome, 'it used to pass every gate and fail only after Approve').toBe('block');
    expect(verdict.outcome === 'block' ? verdict.reason : '', 'the size, the venue minimum and what the minimum costs').toBe(
      "size 0.00000000069 SOL is below the venue's minimum of 0.00001 SOL (about 0.0014 USDT at 144.10)",
    );
    expect(verdict.details, 'every input and the rounded result, for a later re-run').toEqual({
      requestedQuantity: '0.000000000693962526024',
      quantity: '0',
      price: '144.1',
      notional: '0',
      quantityIncrement: '0.00001',
      minQuantity: '0.00001',
    });
  });

  it("refuses an order worth less than the venue's minimum value", () => {
    const rules: MarketRules = { ...SOL.rules, minNotional: toDecimal(5) };
    const verdict = minOrderSizeGate.check(makeGateInput({ proposal: { symbol: 'SOL/USDT', size: { kind: 'quantity', quantity: '0.03' } }, market: { ...SOL, rules } }));
    expect(verdict.outcome === 'block' ? verdict.reason : verdict.outcome, '0.03 × 144.1 = 4.323').toBe("order value 4.32 USDT is below the venue's minimum of 5.00 USDT");
    expect(verdict.details, 'the minimum value is an input too').toMatchObject({ minNotional: '5', notional: '4.323' });
  });

  it('values a limit order at its limit', () => {
    const rules: MarketRules = { ...SOL.rules, minNotional: toDecimal(5) };
    const proposal = { symbol: 'SOL/USDT', orderType: 'limit' as const, limitPrice: '170', size: { kind: 'quantity' as const, quantity: '0.03' } };
    expect(minOrderSizeGate.check(makeGateInput({ proposal, market: { ...SOL, rules } })).outcome, '0.03 × 170 = 5.1 ≥ 5').toBe('pass');
  });

  it('passes a normal order and records it as it will be sent', () => {
    const verdict = minOrderSizeGate.check(makeGateInput({ proposal: { symbol: 'SOL/USDT', size: { kind: 'quantity', quantity: '2.123456' } }, market: SOL }));
    expect(verdict, 'rounded down to the 0.00001 step').toEqual({ gate: 'min_order_size', outcome: 'pass', details: expect.objectContaining({ quantity: '2.12345' }) });
  });
});

describe('min_order_size gate and the order intent agree', () => {
  const step = fc.constantFrom('1', '0.01', '0.00001', '0.000000001').map((s) => new Decimal(s));
  const amount = fc.integer({ min: 1, max: 10_000_000_000 }).map((n) => new Decimal(n).div(1_000_000));

  it('whatever the size and rules, the gate passes exactly the proposals approval can build an order for', () => {
    fc.assert(
      fc.property(amount, fc.boolean(), step, fc.integer({ min: 1, max: 100 }), fc.option(fc.integer({ min: 1, max: 20 })), (size, notional, increment, minSteps, minValue) => {
        const rules: MarketRules = {
          quantityIncrement: increment,
          priceIncrement: toDecimal('0.01'),
          minQuantity: increment.mul(minSteps),
          ...(minValue === null ? {} : { minNotional: toDecimal(minValue) }),
        };
        const overrides: Partial<Proposal> = { size: notional ? { kind: 'notional', notional: size.toFixed() } : { kind: 'quantity', quantity: size.toFixed() } };
        const price = toDecimal('144.1');
        const gate = minOrderSizeGate.check(makeGateInput({ proposal: overrides, market: { price, rules } }));
        const built = buildOrderIntent(makeProposal(overrides), price, rules, MARKET_HOURS);
        expect(gate.outcome === 'pass', `gate ${gate.outcome}, order ${built.ok ? 'built' : 'refused'}`).toBe(built.ok);
        if (built.ok) expect(built.intent.quantity, 'the quantity the gate recorded is the one sent').toBe(gate.details?.['quantity']);
      }),
    );
  });
});
