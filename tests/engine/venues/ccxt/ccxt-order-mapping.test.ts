import { functions, type Order } from 'ccxt';
import { describe, expect, it } from 'vitest';
import { getCcxtOrderStatus, getFeesInQuote, toIncrement } from '../../../../src/engine/venues/ccxt/ccxt-order-mapping.js';
import { Decimal } from '../../../../src/engine/money/decimal.js';

const ten = new Decimal(10);

describe('getCcxtOrderStatus', () => {
  it.each([
    ['open', 0, 'open'],
    ['open', 4, 'partially_filled'],
    ['canceling', 4, 'partially_filled'],
    ['closed', 10, 'filled'],
    ['closed', 4, 'filled'],
    ['closed', 0, 'canceled'],
    ['canceled', 4, 'canceled'],
    ['expired', 0, 'expired'],
    ['rejected', 0, 'rejected'],
    [undefined, 0, 'open'],
  ] as const)('maps %s with %s of 10 filled to %s', (status, filled, expected) => {
    expect(getCcxtOrderStatus(status, new Decimal(filled), ten), `ccxt ${String(status)}`).toBe(expected);
  });
});

describe('toIncrement', () => {
  it('reads TICK_SIZE precision as the step itself', () => {
    expect(toIncrement(0.00001, functions.TICK_SIZE)?.toString(), 'Binance stepSize').toBe('0.00001');
  });

  it('reads DECIMAL_PLACES precision as a power of ten', () => {
    expect(toIncrement(5, functions.DECIMAL_PLACES)?.toString(), '5 decimals').toBe('0.00001');
    expect(toIncrement(0, functions.DECIMAL_PLACES)?.toString(), 'whole units').toBe('1');
  });

  it('has no fixed step under SIGNIFICANT_DIGITS', () => {
    expect(toIncrement(5, functions.SIGNIFICANT_DIGITS), 'the step depends on the price').toBeUndefined();
  });
});

describe('getFeesInQuote', () => {
  const market = { base: 'BTC', quote: 'USDT' };
  const order = (fees: { currency: string; cost: number }[]) => ({ fee: fees[0], fees }) as unknown as Order;

  it('adds quote fees, values base fees at the average price and counts other assets as 0', () => {
    const fees = getFeesInQuote(
      order([
        { currency: 'USDT', cost: 0.25 },
        { currency: 'BTC', cost: 0.000001 },
        { currency: 'BNB', cost: 0.0004 },
      ]),
      market,
      new Decimal(60000),
    );
    expect(fees.toString(), '0.25 + 0.000001 × 60000 + 0').toBe('0.31');
  });

  it('falls back to `fee` when `fees` is absent', () => {
    const fees = getFeesInQuote({ fee: { currency: 'USDT', cost: 1.5 } } as unknown as Order, market, undefined);
    expect(fees.toString(), 'single-currency fee').toBe('1.5');
  });
});
