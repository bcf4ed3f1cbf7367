import { describe, expect, it } from 'vitest';
import { TradingStateSchema } from '../../src/store/trading-schema.js';

describe('the trading controls in the store file', () => {
  it('a file from before who and when were recorded loads, and one with them keeps them', () => {
    const old = TradingStateSchema.parse({ proposals: {}, orders: {}, controls: { paused: true, halted: false }, activity: {} });
    expect(old.controls, 'the switches as they were, nobody named').toEqual({ paused: true, halted: false });
    const pausedBy = { id: 7, name: '@ann', at: '2026-11-20T12:00:00.000Z' };
    const recorded = TradingStateSchema.parse({ controls: { paused: true, halted: false, pausedBy } });
    expect(recorded.controls.pausedBy, 'who paused and when survive a load').toEqual(pausedBy);
  });
});
