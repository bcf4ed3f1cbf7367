import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyResponse, parseRetryAfter } from '../../src/outbound/classify-response.js';
import { isPrivateAddress } from '../../src/outbound/is-private-address.js';
import { backoffDelayMs, DEFAULT_RETRY_POLICY } from '../../src/outbound/retry-policy.js';

describe('backoffDelayMs: full jitter under 5, 10, 20, 40, 80 s … capped at 1 h', () => {
  it('stays within the ceiling of its attempt', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (attempt, r) => {
        const ceiling = Math.min(3_600_000, 5_000 * 2 ** (attempt - 1));
        const delay = backoffDelayMs(DEFAULT_RETRY_POLICY, attempt, () => r);
        expect(delay, `attempt ${attempt}`).toBeGreaterThanOrEqual(0);
        expect(delay, `attempt ${attempt} under its ceiling`).toBeLessThan(ceiling);
      }),
    );
  });

  it('has the documented ceilings', () => {
    const ceilings = [1, 2, 3, 4, 5, 10, 11].map((n) => backoffDelayMs(DEFAULT_RETRY_POLICY, n, () => 0.999_999_999));
    expect(ceilings.map((ms) => Math.round(ms / 1000)), '5, 10, 20, 40, 80 s, then the 1 h cap').toEqual([5, 10, 20, 40, 80, 2560, 3600]);
  });
});

describe('classifyResponse', () => {
  const now = new Date('2026-11-20T12:00:00Z');
  it.each([
    [200, 'delivered'],
    [204, 'delivered'],
    [408, 'retry'],
    [429, 'retry'],
    [500, 'retry'],
    [503, 'retry'],
    [301, 'refused'],
    [400, 'refused'],
    [401, 'refused'],
    [404, 'refused'],
    [410, 'refused'],
    [422, 'refused'],
  ] as const)('%i is %s', (status, kind) => {
    expect(classifyResponse(status, undefined, now, 1).kind, `status ${status}`).toBe(kind);
  });

  it('reads Retry-After as seconds or as a date', () => {
    expect(parseRetryAfter('120', now), 'seconds').toBe(120_000);
    expect(parseRetryAfter('Fri, 20 Nov 2026 12:01:00 GMT', now), 'an HTTP date').toBe(60_000);
    expect(parseRetryAfter('soon', now), 'unreadable: ignored').toBeUndefined();
    expect(classifyResponse(503, '7', now, 1), 'carried in the result').toMatchObject({ kind: 'retry', retryAfterMs: 7_000 });
  });
});

describe('isPrivateAddress', () => {
  it.each(['127.0.0.1', '10.1.2.3', '172.16.0.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', '[::1]', 'fd00::1', 'fe80::1', '::ffff:7f00:1', '::ffff:127.0.0.1'])('refuses %s', (address) => {
    expect(isPrivateAddress(address), address).toBe(true);
  });
  it.each(['8.8.8.8', '1.1.1.1', '172.32.0.1', '2606:4700::1111', 'example.com'])('allows %s', (address) => {
    expect(isPrivateAddress(address), address).toBe(false);
  });
});
