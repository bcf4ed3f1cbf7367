import { describe, expect, it } from 'vitest';
import type { AccountState } from '../../../src/engine/gates/gate.js';
import { positionAvailableGate } from '../../../src/engine/gates/position-available-gate.js';
import { toDecimal } from '../../../src/engine/money/decimal.js';
import type { MarketRules } from '../../../src/engine/ports/broker.js';
import { makeGateInput, makePosition } from './gate-fixtures.js';

const SOL_RULES: MarketRules = { quantityIncrement: toDecimal('0.00001'), priceIncrement: toDecimal('0.01'), minQuantity: toDecimal('0.00001') };

/** Holding 3.88 SOL at 144.1, as in the report; `sell` is the quantity proposed. */
function sellSol(sell: string, state: Partial<AccountState> = {}) {
  return makeGateInput({
    proposal: { symbol: 'SOL/USDT', side: 'sell', size: { kind: 'quantity', quantity: sell } },
    market: { symbol: 'SOL/USDT', price: toDecimal('144.1'), rules: SOL_RULES },
    state: { positions: [makePosition('SOL/USDT', '3.88', '559.108')], ...state },
  });
}

describe('position_available gate', () => {
  it('refuses a sell larger than the position where the account cannot short, and says how much is held', () => {
    const verdict = positionAvailableGate.check(sellSol('50'));
    expect(verdict, 'sell 50 with 3.88 held used to pass every gate and fail only after Approve').toEqual({
      gate: 'position_available',
      outcome: 'block',
      reason: 'holding 3.88 SOL; a sell of 50 would short, and this account cannot short; at most 3.88 can be sold',
      details: { side: 'sell', shortingEnabled: 'false', held: '3.88', inOpenSells: '0', available: '3.88', selling: '50' },
    });
  });

  it('counts what open sell orders already promised away', () => {
    const verdict = positionAvailableGate.check(sellSol('3.5', { openSellQuantity: { 'SOL/USDT': toDecimal('0.5') } }));
    expect(verdict.outcome === 'block' ? verdict.reason : verdict.outcome, 'only 3.38 is free to sell').toBe(
      'holding 3.88 SOL (0.5 in open sell orders); a sell of 3.5 would short, and this account cannot short; at most 3.38 can be sold',
    );
    expect(positionAvailableGate.check(sellSol('3.38', { openSellQuantity: { 'SOL/USDT': toDecimal('0.5') } })).outcome, 'exactly what is free').toBe('pass');
  });

  it('passes selling the whole position, and anything less', () => {
    expect(positionAvailableGate.check(sellSol('3.88')).outcome, 'closing the position').toBe('pass');
    expect(positionAvailableGate.check(sellSol('1')).outcome, 'reducing it').toBe('pass');
  });

  it('judges the quantity as the order will be rounded, not as typed', () => {
    expect(positionAvailableGate.check(sellSol('3.880004')).outcome, 'rounds down to 3.88 at the 0.00001 step, which is held').toBe('pass');
  });

  it('turns a notional sell into a quantity at the market price', () => {
    const verdict = positionAvailableGate.check(
      makeGateInput({
        proposal: { symbol: 'SOL/USDT', side: 'sell', size: { kind: 'notional', notional: '1441' } },
        market: { symbol: 'SOL/USDT', price: toDecimal('144.1'), rules: SOL_RULES },
        state: { positions: [makePosition('SOL/USDT', '3.88', '559.108')] },
      }),
    );
    expect(verdict.details, '1441 at 144.1 is 10 SOL').toMatchObject({ selling: '10' });
    expect(verdict.outcome, 'more than held').toBe('block');
  });

  it('says "holding no" when nothing is held', () => {
    const verdict = positionAvailableGate.check(sellSol('1', { positions: [] }));
    expect(verdict.outcome === 'block' ? verdict.reason : verdict.outcome, 'no at-most hint when nothing can be sold').toBe(
      'holding no SOL; a sell of 1 would short, and this account cannot short',
    );
  });

  it('lets an account that may short (Alpaca margin) sell beyond its position', () => {
    const verdict = positionAvailableGate.check(sellSol('50', { shortingEnabled: true }));
    expect(verdict.outcome, 'the risk gates judge the short instead').toBe('pass');
    expect(verdict.details, 'the flag it relied on is in the trace').toMatchObject({ shortingEnabled: 'true', selling: '50' });
  });

  it('passes every buy', () => {
    expect(positionAvailableGate.check(makeGateInput()).outcome, 'a buy needs cash, not a position').toBe('pass');
  });
});
