import { describe, expect, it } from 'vitest';
import { stopAndTargetGate } from '../../../src/engine/gates/stop-and-target-gate.js';
import type { Proposal } from '../../../src/engine/proposals/proposal.js';
import { makeGateInput } from './gate-fixtures.js';

/** The market is at 100; the account's stop/target band is 25 %. */
const check = (proposal: Partial<Proposal>) => stopAndTargetGate.check(makeGateInput({ proposal }));
const reasonOf = (proposal: Partial<Proposal>) => {
  const verdict = check(proposal);
  return verdict.outcome === 'block' ? verdict.reason : 'pass';
};

describe('stop_and_target gate', () => {
  it('passes a buy with stop < entry < target, within the band, and records the reward/risk', () => {
    const verdict = check({ stopPrice: '98', targetPrice: '103' });
    expect(verdict, 'risk 2, reward 3').toEqual({
      gate: 'stop_and_target',
      outcome: 'pass',
      details: { side: 'buy', entry: '100', bandPct: '25', stop: '98', stopDistancePct: '2', target: '103', targetDistancePct: '3', rewardRisk: '1.5' },
    });
  });

  it('refuses a buy whose stop is above the price', () => {
    expect(reasonOf({ stopPrice: '101' }), 'that stop would fire at once').toBe("the stop 101.00 is above the entry 100.00: a buy's stop must be below it");
  });

  it('refuses a target of 10 on a 100 market', () => {
    expect(reasonOf({ targetPrice: '10' }), 'wrong side first').toBe("the target 10.00 is below the entry 100.00: a buy's target must be above it");
    expect(reasonOf({ targetPrice: '1000' }), 'right side, an extra zero').toBe('the target 1,000.00 is 900% from the entry 100.00 (limit 25%)');
  });

  it('checks a sell the other way round: target < entry < stop', () => {
    expect(check({ side: 'sell', stopPrice: '102', targetPrice: '96' }).outcome, 'a short-side plan').toBe('pass');
    expect(reasonOf({ side: 'sell', stopPrice: '97' }), 'a sell stop below the price').toBe("the stop 97.00 is below the entry 100.00: a sell's stop must be above it");
    expect(reasonOf({ side: 'sell', targetPrice: '100' }), 'a target at the entry gains nothing').toBe("the target 100.00 is at the entry 100.00: a sell's target must be below it");
  });

  it('measures from the limit price of a limit order', () => {
    expect(check({ orderType: 'limit', limitPrice: '96', stopPrice: '95', targetPrice: '99' }).outcome, 'stop 95 < limit 96 < target 99, though the market is 100').toBe('pass');
    expect(reasonOf({ orderType: 'limit', limitPrice: '96', stopPrice: '97' }), 'above the limit').toMatch(/^the stop 97.00 is above the entry 96/);
  });

  it('passes a proposal with neither, and one with only a stop', () => {
    expect(check({}).outcome, 'nothing to check').toBe('pass');
    const onlyStop = check({ stopPrice: '96' });
    expect([onlyStop.outcome, onlyStop.details?.['rewardRisk']], 'no ratio without a target').toEqual(['pass', undefined]);
  });

  it('uses the band at its edge inclusively', () => {
    expect(check({ stopPrice: '75', targetPrice: '125' }).outcome, 'exactly 25 % either side').toBe('pass');
    expect(reasonOf({ stopPrice: '74.99' }), 'just past it').toBe('the stop 74.99 is 25.01% from the entry 100.00 (limit 25%)');
  });

  it("lets a swing trade's 2R target 15 % away through: wider than the limit-price band", () => {
    const verdict = check({ stopPrice: '92.5', targetPrice: '115' });
    expect([verdict.outcome, verdict.details?.['rewardRisk']], 'a plan a strategy makes on daily bars').toEqual(['pass', '2']);
  });
});
