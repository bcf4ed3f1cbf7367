import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Bar } from '../../../src/engine/market/bars.js';
import { STRATEGIES } from '../../../src/engine/strategies/strategy-registry.js';
import type { Signal, Strategy, StrategyInput } from '../../../src/engine/strategies/strategy.js';
import { barsFromCloses, breakdown, breakout, makeInput, randomBars, randomHolding, rangeBound, sharpDip } from './bar-fixtures.js';

/** Each strategy with inputs it must fire on, so the shape checks never pass vacuously. */
const CASES: readonly { readonly strategy: Strategy; readonly firing: readonly StrategyInput[] }[] = [
  { strategy: STRATEGIES.dca, firing: [makeInput(barsFromCloses(sharpDip()))] },
  { strategy: STRATEGIES.swing, firing: [makeInput(breakout(3000)), makeInput(breakdown(), { quantity: 2 })] },
  { strategy: STRATEGIES.channel, firing: [makeInput(rangeBound(91)), makeInput(rangeBound(109), { quantity: 1 })] },
];

function expectWellFormed(signal: Signal, input: StrategyInput): void {
  expect(signal.strength, 'strength is a 0–1 score').toBeGreaterThanOrEqual(0);
  expect(signal.strength, 'strength is a 0–1 score').toBeLessThanOrEqual(1);
  expect(signal.confidence, 'confidence is a 0–1 score').toBeGreaterThanOrEqual(0);
  expect(signal.confidence, 'confidence is a 0–1 score').toBeLessThanOrEqual(1);
  expect(Number.isFinite(signal.entry) && signal.entry > 0, 'the entry is a real price').toBe(true);
  expect(signal.entry, 'the entry is the last close').toBe(input.bars.at(-1)?.c);
  expect(signal.reasons.length, 'a person sees why').toBeGreaterThan(0);
  for (const reason of signal.reasons) expect(reason.trim(), 'no empty reason').not.toBe('');
  if (signal.side === 'buy' && signal.stop !== undefined) expect(signal.stop, 'a buy stop sits under the entry').toBeLessThan(signal.entry);
  if (signal.side === 'buy' && signal.target !== undefined) expect(signal.target, 'a buy target sits over the entry').toBeGreaterThan(signal.entry);
  if (signal.side === 'sell') expect(input.positionQuantity, 'only what is held is sold').toBeGreaterThan(0);
}

describe.each(CASES)('strategy contract: $strategy.name', ({ strategy, firing }) => {
  it('has a name, a description and a positive bar minimum', () => {
    expect(strategy.name, 'proposals say strategy:<name>').toMatch(/^[a-z]+$/);
    expect(strategy.description.length, 'shown in the chat').toBeGreaterThan(10);
    expect(strategy.minBars, 'indicators need history').toBeGreaterThan(1);
  });

  it('fires on its fixtures with a well-formed signal', () => {
    for (const input of firing) {
      const signal = strategy.evaluate(input);
      expect(signal, `${strategy.name} should fire on this fixture`).toBeDefined();
      if (signal !== undefined) expectWellFormed(signal, input);
    }
  });

  it('says nothing with fewer than minBars bars', () => {
    for (const input of firing) {
      const short = { ...input, bars: input.bars.slice(-(strategy.minBars - 1)) };
      expect(strategy.evaluate(short), 'one bar short of the minimum').toBeUndefined();
    }
    fc.assert(
      fc.property(randomBars(0, strategy.minBars - 1), randomHolding, (bars, holding) => {
        expect(strategy.evaluate(makeInput(bars, holding)), `${bars.length} bars`).toBeUndefined();
      }),
      { numRuns: 50 },
    );
  });

  it('is deterministic and well-formed on random markets', () => {
    fc.assert(
      fc.property(randomBars(strategy.minBars, strategy.minBars + 120), randomHolding, (bars: Bar[], holding) => {
        const input = makeInput(bars, holding);
        const first = strategy.evaluate(input);
        expect(strategy.evaluate(makeInput(structuredClone(bars), holding)), 'same input, same answer').toEqual(first);
        if (first !== undefined) expectWellFormed(first, input);
      }),
      { numRuns: 300 },
    );
  });

  it('does not change its input', () => {
    const input = firing[0];
    if (input === undefined) throw new Error('no fixture');
    const before = structuredClone(input);
    strategy.evaluate(input);
    expect(input, 'strategies are pure').toEqual(before);
  });
});
