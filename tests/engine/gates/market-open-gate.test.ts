import { describe, expect, it } from 'vitest';
import { marketOpenGate } from '../../../src/engine/gates/market-open-gate.js';
import { makeGateInput } from './gate-fixtures.js';

const SATURDAY_NOON = new Date('2026-03-07T17:00:00.000Z');

describe('market_open gate', () => {
  it('passes a US equity during the NYSE session', () => {
    const verdict = marketOpenGate.check(makeGateInput());
    expect(verdict, 'Tuesday 11:00 ET').toEqual({ gate: 'market_open', outcome: 'pass', details: { assetClass: 'us_equity' } });
  });

  it('blocks a US equity on a weekend and names the next open', () => {
    const verdict = marketOpenGate.check(makeGateInput({ now: SATURDAY_NOON }));
    expect(verdict, 'the reason tells the person when trading resumes (after the DST switch)').toEqual({
      gate: 'market_open',
      outcome: 'block',
      reason: 'NYSE is closed; it opens Mon, Mar 9, 09:30 ET',
      details: { assetClass: 'us_equity', nextOpen: '2026-03-09T13:30:00.000Z' },
    });
  });

  it('blocks after an early close', () => {
    const verdict = marketOpenGate.check(makeGateInput({ now: new Date('2026-11-27T18:30:00.000Z') }));
    expect(verdict.outcome === 'block' && verdict.reason, 'closed at 13:00 ET the day after Thanksgiving').toBe(
      'NYSE is closed; it opens Mon, Nov 30, 09:30 ET',
    );
  });

  it('passes crypto around the clock', () => {
    const verdict = marketOpenGate.check(makeGateInput({ now: SATURDAY_NOON, proposal: { symbol: 'BTC/USDT' } }));
    expect(verdict, 'crypto venues never close').toEqual({ gate: 'market_open', outcome: 'pass', details: { assetClass: 'crypto' } });
  });
});
