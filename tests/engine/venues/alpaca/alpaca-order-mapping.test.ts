import { describe, expect, it } from 'vitest';
import { getAlpacaOrderStatus, toPostOrderRequest } from '../../../../src/engine/venues/alpaca/alpaca-order-mapping.js';
import { OrderRejectedError } from '../../../../src/engine/venues/broker-errors.js';
import { Decimal } from '../../../../src/engine/money/decimal.js';

const none = new Decimal(0);
const some = new Decimal(4);
const all = new Decimal(10);

describe('getAlpacaOrderStatus', () => {
  it.each([
    // status, filled, expected
    ['new', none, 'open'],
    ['accepted', none, 'open'],
    ['pending_new', none, 'open'],
    ['accepted_for_bidding', none, 'open'],
    ['held', none, 'open'],
    ['stopped', none, 'open'],
    ['suspended', none, 'open'],
    ['pending_replace', none, 'open'],
    ['pending_cancel', some, 'partially_filled'],
    ['partially_filled', some, 'partially_filled'],
    ['done_for_day', some, 'partially_filled'],
    ['calculated', all, 'filled'],
    ['filled', all, 'filled'],
    ['canceled', some, 'canceled'],
    ['expired', none, 'expired'],
    ['replaced', none, 'canceled'],
    ['rejected', none, 'rejected'],
    ['a_status_alpaca_adds_later', none, 'open'],
  ] as const)('maps %s (filled %s of 10) to %s', (status, filled, expected) => {
    expect(getAlpacaOrderStatus(status, filled, all), `Alpaca ${status}`).toBe(expected);
  });

  it('cannot call a notional order (no qty) filled before Alpaca says so', () => {
    expect(getAlpacaOrderStatus('calculated', all, undefined), 'unknown ordered quantity').toBe('partially_filled');
  });
});

describe('toPostOrderRequest', () => {
  it('sends crypto as good-till-canceled', () => {
    const body = toPostOrderRequest({ clientOrderId: 'cs-c', symbol: 'BTC/USD', side: 'buy', type: 'market', quantity: new Decimal('0.0001') });
    expect(body.timeInForce, 'crypto takes gtc or ioc only').toBe('gtc');
  });

  it('writes tiny quantities as plain digits', () => {
    const body = toPostOrderRequest({ clientOrderId: 'cs-t', symbol: 'AAPL', side: 'buy', type: 'market', quantity: new Decimal('1e-9') });
    expect(body.qty, 'never exponent notation').toBe('0.000000001');
  });

  it('refuses a limit order without a limit price', () => {
    expect(() => toPostOrderRequest({ clientOrderId: 'cs-l', symbol: 'AAPL', side: 'buy', type: 'limit', quantity: new Decimal(1) }), 'no price').toThrow(
      OrderRejectedError,
    );
  });
});
