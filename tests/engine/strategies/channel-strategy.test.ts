import { describe, expect, it } from 'vitest';
import { CHANNEL_DEFAULTS, createChannelStrategy } from '../../../src/engine/strategies/channel-strategy.js';
import { barsFromCloses, makeInput, rangeBound, sharpDip, steadyUptrend, strongDowntrend } from './bar-fixtures.js';

const channel = createChannelStrategy();
const unfiltered = createChannelStrategy({ maxMidlineDrift: Infinity, maxBandExpansion: Infinity });

describe('channel strategy', () => {
  it('documents its defaults', () => {
    expect(CHANNEL_DEFAULTS, 'Bollinger(20, 2), 5 % proximity, 0.5 drift, 2× expansion').toEqual({
      period: 20, deviations: 2, bandProximity: 0.05, maxMidlineDrift: 0.5, maxBandExpansion: 2, stopBandShare: 0.25,
    });
    expect(channel.minBars, 'two periods: the bands now and one period ago').toBe(40);
  });

  it('buys at the lower band of a range, targeting the midline', () => {
    const signal = channel.evaluate(makeInput(rangeBound(91)));
    expect(signal?.side, 'a touch of the lower band is a buy').toBe('buy');
    expect(signal?.target, 'the midline of the 95–105 cycle').toBeGreaterThan(99);
    expect(signal?.target, 'the midline of the 95–105 cycle').toBeLessThan(100);
    expect(signal?.stop, 'a quarter band width under the band').toBeLessThan(91);
    expect(signal?.reasons[0], 'names %B and the bands').toMatch(/^close 91\.00 at %B -?0\.\d+ of Bollinger\(20, 2\) \d+\.\d\d–\d+\.\d\d$/);
    expect(signal?.reasons[1], 'and the trend filter reading').toMatch(/^midline moved 0\.\d+ band widths over 20 bars \(trend limit 0\.5\)$/);
  });

  it('sells at the upper band only when holding', () => {
    expect(channel.evaluate(makeInput(rangeBound(109), { quantity: 1 }))?.side, 'take profit at the top').toBe('sell');
    expect(channel.evaluate(makeInput(rangeBound(109))), 'nothing to sell while flat').toBeUndefined();
  });

  it('stays quiet in the middle of the range and does not add while holding', () => {
    expect(channel.evaluate(makeInput(rangeBound(100))), 'mid-range is no edge').toBeUndefined();
    expect(channel.evaluate(makeInput(rangeBound(91), { quantity: 1 })), 'averaging is DCA\'s job').toBeUndefined();
  });

  it('stays quiet when the channel trends strongly, though price is at the band', () => {
    const downtrend = makeInput(strongDowntrend());
    expect(unfiltered.evaluate(downtrend)?.side, 'without the filter this would be a buy').toBe('buy');
    expect(channel.evaluate(downtrend), 'a falling channel is no floor').toBeUndefined();
    const uptrend = makeInput(barsFromCloses(steadyUptrend(120)), { quantity: 1 });
    expect(channel.evaluate(uptrend), 'a rising channel: let the winner run').toBeUndefined();
  });

  it('stays quiet when the bands blow out (a crash out of a range)', () => {
    const crash = makeInput(barsFromCloses(sharpDip()));
    expect(createChannelStrategy({ maxBandExpansion: Infinity }).evaluate(crash)?.side, 'only the expansion filter holds it back').toBe('buy');
    expect(channel.evaluate(crash), 'the width grew more than 2× in one period').toBeUndefined();
  });

  it('refuses nonsense settings at creation', () => {
    expect(() => createChannelStrategy({ bandProximity: 0.7 }), 'proximity past the midline').toThrow(/bandProximity/);
    expect(() => createChannelStrategy({ period: 0 }), 'a zero period').toThrow(/period/);
  });
});
