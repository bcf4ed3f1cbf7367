import { describe, expect, it } from 'vitest';
import { getEnabledStrategies, STRATEGIES, UnknownStrategyError } from '../../../src/engine/strategies/strategy-registry.js';

describe('strategy registry', () => {
  it('keys every strategy by its own name', () => {
    for (const [key, strategy] of Object.entries(STRATEGIES)) expect(strategy.name, 'the key is the name proposals carry').toBe(key);
    expect(Object.keys(STRATEGIES), 'the three built-in strategies').toEqual(['dca', 'swing', 'channel']);
  });

  it('returns the enabled strategies in the order given, each once', () => {
    const enabled = getEnabledStrategies(['swing', ' DCA ', 'swing']);
    expect(enabled.map((s) => s.name), 'names are trimmed and case-insensitive').toEqual(['swing', 'dca']);
    expect(getEnabledStrategies([]), 'none enabled is allowed').toEqual([]);
  });

  it('refuses an unknown name with a typed error naming the known ones', () => {
    const attempt = () => getEnabledStrategies(['dca', 'martingale']);
    expect(attempt, 'a typo must not silently disable a strategy').toThrow(UnknownStrategyError);
    expect(attempt, 'the message lists what exists').toThrow('unknown strategy "martingale" (known: dca, swing, channel)');
    expect(() => getEnabledStrategies(['toString']), 'prototype keys are not strategies').toThrow(UnknownStrategyError);
  });
});
