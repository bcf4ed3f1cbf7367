import { describe, expect, it } from 'vitest';
import { DEFAULT_GATES } from '../../../src/engine/gates/default-gates.js';
import { runGates } from '../../../src/engine/gates/run-gates.js';
import { makeGateInput } from './gate-fixtures.js';

const ORDER = [
  'kill_switch', 'paused', 'market_open', 'stale_market_data', 'price_sanity',
  'stop_and_target', 'min_order_size', 'min_confidence', 'position_available',
  'cooldown', 'max_open_positions', 'max_position_size', 'max_daily_loss',
];

describe('DEFAULT_GATES', () => {
  it('runs the gates in the documented order', () => {
    expect(DEFAULT_GATES.map((g) => g.name), 'switches, then market, then proposal, then risk').toEqual(ORDER);
  });

  it('passes the sensible default input through every gate', () => {
    const trace = runGates(DEFAULT_GATES, makeGateInput());
    expect(trace.passed, JSON.stringify(trace.verdicts)).toBe(true);
    expect(trace.verdicts.map((v) => v.gate), 'each verdict carries its gate name').toEqual(ORDER);
  });

  it('reports the kill switch first when halted and paused', () => {
    const trace = runGates(DEFAULT_GATES, makeGateInput({ controls: { halted: true, paused: true } }));
    expect(trace.blockedBy, 'the strongest switch explains the stop').toBe('kill_switch');
    expect(trace.notEvaluated, 'nothing else is looked at').toEqual(ORDER.slice(1));
  });

  it('blocks a weekend equity proposal at market_open', () => {
    const trace = runGates(DEFAULT_GATES, makeGateInput({ now: new Date('2026-03-07T17:00:00.000Z') }));
    expect(trace.blockedBy, 'the market is closed on Saturday').toBe('market_open');
    expect(trace.verdicts.map((v) => v.outcome), 'both switches passed first').toEqual(['pass', 'pass', 'block']);
  });
});
