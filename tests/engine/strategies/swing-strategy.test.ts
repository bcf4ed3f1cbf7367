import { describe, expect, it } from 'vitest';
import { createSwingStrategy, SWING_DEFAULTS } from '../../../src/engine/strategies/swing-strategy.js';
import { barsFromCloses, breakdown, breakout, makeInput, sideways, steadyUptrend } from './bar-fixtures.js';

const swing = createSwingStrategy();

describe('swing strategy', () => {
  it('documents its defaults', () => {
    expect(SWING_DEFAULTS, '20-bar breakout on 1.5× volume, 10-bar exit, ATR(14), 2R').toEqual({
      breakoutBars: 20, volumeBars: 20, volumeFactor: 1.5, exitBars: 10, atrPeriod: 14, riskMultiple: 2,
    });
    expect(swing.minBars, 'the longest look-back plus the breaking bar').toBe(21);
  });

  it('buys a breakout on heavy volume, with the stop at the recent low and a 2R target', () => {
    const signal = swing.evaluate(makeInput(breakout(3000)));
    expect(signal?.side, 'a confirmed breakout is a buy').toBe('buy');
    // The range's lows are 99.5 × 0.998 = 99.301; the breakout bar's low (100.4) is higher.
    expect(signal?.stop, 'stop at the 10-bar low').toBeCloseTo(99.301, 6);
    expect(signal?.target, 'entry + 2 × (entry − stop)').toBeCloseTo(104 + 2 * (104 - 99.301), 6);
    expect(signal?.reasons[0], 'names the level it broke').toMatch(/^close 104\.00 broke above the 20-bar high 100\.70 by 3\.3% \(/);
    expect(signal?.reasons[1], 'and the volume').toBe('volume 3× its 20-bar average (needs over 1.5×)');
  });

  it('does not buy a breakout without volume', () => {
    expect(swing.evaluate(makeInput(breakout(1000))), 'average volume confirms nothing').toBeUndefined();
    expect(swing.evaluate(makeInput(breakout(1500))), 'exactly 1.5× is not more than 1.5×').toBeUndefined();
  });

  it('does not buy inside the range, nor add to a position', () => {
    expect(swing.evaluate(makeInput(barsFromCloses(sideways(60), 1000))), 'no breakout').toBeUndefined();
    expect(swing.evaluate(makeInput(breakout(3000), { quantity: 1, averagePrice: 100 })), 'no pyramiding').toBeUndefined();
    expect(swing.evaluate(makeInput(barsFromCloses(steadyUptrend(120)))), 'new highs on flat volume').toBeUndefined();
  });

  it('exits a held position when the close falls under the 10-bar low', () => {
    const signal = swing.evaluate(makeInput(breakdown(), { quantity: 2 }));
    expect(signal?.side, 'the exit is a sell').toBe('sell');
    expect(signal?.reasons[0], 'names the level').toMatch(/^close 97\.00 fell below the 10-bar low 99\.30 by 2\.3%/);
    expect(signal?.stop, 'an exit has no stop').toBeUndefined();
    expect(signal?.score, 'closed near its low: 0.5 + 0.5 × 0.93').toBeGreaterThan(0.9);
  });

  it('never sells what it does not hold', () => {
    expect(swing.evaluate(makeInput(breakdown())), 'a breakdown while flat is nothing').toBeUndefined();
  });

  it('scores a cleaner breakout higher', () => {
    const clean = swing.evaluate(makeInput(breakout(3000)));
    const bars = breakout(3000);
    const last = bars.at(-1);
    if (last === undefined) throw new Error('no bar');
    bars[bars.length - 1] = { ...last, h: 107 }; // a long upper wick: sellers pushed back
    const wicked = swing.evaluate(makeInput(bars));
    expect(wicked?.score ?? 1, 'a close far off the high is less convincing').toBeLessThan(clean?.score ?? 0);
  });

  it('refuses nonsense settings at creation', () => {
    expect(() => createSwingStrategy({ breakoutBars: 2.5 }), 'a fractional period').toThrow(/breakoutBars/);
    expect(() => createSwingStrategy({ volumeFactor: 0 }), 'a zero factor').toThrow(/volumeFactor/);
  });
});
