import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { getClientOrderId, MAX_CLIENT_ORDER_ID_LENGTH } from '../../../src/engine/execution/client-order-id.js';

/** Binance's documented pattern for newClientOrderId; Alpaca allows up to 128 characters. */
const BINANCE_CLIENT_ORDER_ID = /^[.A-Z:/a-z0-9_-]{1,36}$/;
const OUR_CHARSET = /^cs-[A-Za-z0-9_-]+$/;

describe('getClientOrderId', () => {
  it('is deterministic, prefixed and readable', () => {
    const id = getClientOrderId('prop_42-AAPL');
    expect(id, 'same input, same key: a restart re-derives it').toBe(getClientOrderId('prop_42-AAPL'));
    expect(id.startsWith('cs-prop42'), 'slug of the proposal id for humans').toBe(true);
  });

  it('appends -r<n> for a later attempt only', () => {
    const first = getClientOrderId('p1');
    expect(getClientOrderId('p1', 1), 'attempt 1 is the plain key').toBe(first);
    expect(getClientOrderId('p1', 2), 'attempt 2').toBe(`${first}-r2`);
  });

  it('keeps ids apart that differ only in characters the slug drops', () => {
    expect(getClientOrderId('a.b'), 'the hash covers the whole id').not.toBe(getClientOrderId('a_b'));
  });

  it('rejects an empty proposal id and impossible attempts', () => {
    expect(() => getClientOrderId(''), 'no proposal, no key').toThrow(RangeError);
    expect(() => getClientOrderId('p', 0), 'attempts count from 1').toThrow(RangeError);
    expect(() => getClientOrderId('p', 1.5), 'whole attempts only').toThrow(RangeError);
    expect(() => getClientOrderId('p', 10_000), 'the suffix must still fit 36 characters').toThrow(RangeError);
  });

  it('always fits Binance and Alpaca, for any proposal id and attempt', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 200, unit: 'grapheme' }), fc.integer({ min: 1, max: 9999 }), (proposalId, attempt) => {
        const id = getClientOrderId(proposalId, attempt);
        return id.length <= MAX_CLIENT_ORDER_ID_LENGTH && OUR_CHARSET.test(id) && BINANCE_CLIENT_ORDER_ID.test(id);
      }),
    );
  });

  it('gives different proposals different keys', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.string({ minLength: 1 }), (a, b) => {
        fc.pre(a !== b);
        return getClientOrderId(a) !== getClientOrderId(b);
      }),
    );
  });
});
