import type { Bar } from '../market/bars.js';
import { checkPeriod, checkPositive, checkRange } from './check-settings.js';
import { formatLevel, formatReading } from './format-level.js';
import { readBollingerHistory, type Channel } from './read-indicators.js';
import { clampUnit, getCloseLocation, roundScore } from './signal-scores.js';
import type { ScoredSignal, ScoredStrategy, StrategyInput } from './strategy.js';

export interface ChannelSettings {
  /** Bollinger Bands period. */
  readonly period: number;
  /** Band distance from the midline, in standard deviations. */
  readonly deviations: number;
  /** Near a band: within this share of the band width (%B ≤ p buys, %B ≥ 1 − p sells). */
  readonly bandProximity: number;
  /** Trend filter: quiet when the midline moved more than this many band widths over one period. */
  readonly maxMidlineDrift: number;
  /** Breakout filter: quiet when the band width grew more than this many times over one period. */
  readonly maxBandExpansion: number;
  /** The stop sits this share of the band width under the lower band (or the close, if lower). */
  readonly stopBandShare: number;
}

/** Bollinger(20, 2); within 5 % of a band; quiet past 0.5 widths of drift or 2× expansion. */
export const CHANNEL_DEFAULTS: ChannelSettings = {
  period: 20,
  deviations: 2,
  bandProximity: 0.05,
  maxMidlineDrift: 0.5,
  maxBandExpansion: 2,
  stopBandShare: 0.25,
};

interface ChannelReadings {
  readonly last: Bar;
  readonly bands: Channel;
  readonly width: number;
  /** %B: 0 at the lower band, 1 at the upper. */
  readonly percentB: number;
  /** How far the midline moved over one period, in current band widths. */
  readonly drift: number;
}

/**
 * Mean reversion inside Bollinger Bands. Flat: buys at or below the lower band, targeting
 * the midline; holding: sells at or above the upper band. It only trades a channel that
 * stands still: when the midline moved more than `maxMidlineDrift` band widths over one
 * period (a trend: price rides a band instead of bouncing off it), or the band width grew
 * more than `maxBandExpansion` times (a breakout or a crash), it says nothing at all.
 *
 * Strength: 0.5 at the proximity edge, + 2 × how far %B went past it (1 once the close is
 * a fifth of the band width outside the band). Score: 0.4, + 0.3 × how flat the midline
 * is (1 − drift / limit), + 0.3 × how far the bar closed back off the band (off its low
 * for a buy, its high for a sell). Calibration turns the score into a confidence; a
 * signal is judged after one `period`, the time a swing across the channel takes.
 */
export function createChannelStrategy(settings: Partial<ChannelSettings> = {}): ScoredStrategy {
  const s: ChannelSettings = { ...CHANNEL_DEFAULTS, ...settings };
  checkChannelSettings(s);
  return {
    name: 'channel',
    description: `buys at the lower Bollinger(${s.period}, ${s.deviations}) band, sells at the upper one; quiet while the channel trends or widens`,
    minBars: s.period * 2,
    horizonBars: s.period,
    evaluate: (input) => evaluateChannel(s, input),
  };
}

function evaluateChannel(s: ChannelSettings, input: StrategyInput): ScoredSignal | undefined {
  const r = readChannel(s, input.bars);
  if (r === undefined) return undefined;
  if (r.percentB <= s.bandProximity && !(input.positionQuantity > 0)) return buyAtLowerBand(s, r);
  if (r.percentB >= 1 - s.bandProximity && input.positionQuantity > 0) return sellAtUpperBand(s, r);
  return undefined;
}

/** The readings, or undefined when there are too few bars or a filter silences the channel. */
function readChannel(s: ChannelSettings, bars: readonly Bar[]): ChannelReadings | undefined {
  const last = bars[bars.length - 1];
  const history = readBollingerHistory(bars, s.period, s.deviations);
  if (last === undefined || history === undefined) return undefined;
  const { now, before } = history;
  const width = now.upper - now.lower;
  const widthBefore = before.upper - before.lower;
  if (!(width > 0) || !(widthBefore > 0)) return undefined;
  const drift = Math.abs(now.middle - before.middle) / width;
  if (drift > s.maxMidlineDrift || width / widthBefore > s.maxBandExpansion) return undefined;
  return { last, bands: now, width, percentB: (last.c - now.lower) / width, drift };
}

function buyAtLowerBand(s: ChannelSettings, r: ChannelReadings): ScoredSignal {
  const closeLocation = getCloseLocation(r.last);
  const stop = Math.min(r.last.c, r.bands.lower) - s.stopBandShare * r.width;
  const target = r.bands.middle;
  return {
    side: 'buy',
    strength: roundScore(0.5 + 2 * (s.bandProximity - r.percentB)),
    score: roundScore(0.4 + 0.3 * flatness(s, r) + 0.3 * closeLocation),
    entry: r.last.c,
    ...(stop > 0 ? { stop } : {}),
    target,
    reasons: [
      `close ${formatLevel(r.last.c)} at %B ${formatReading(r.percentB)} of Bollinger(${s.period}, ${s.deviations}) ${formatLevel(r.bands.lower)}–${formatLevel(r.bands.upper)}`,
      describeDrift(s, r),
      `target the midline ${formatLevel(target)}${stop > 0 ? `, stop ${formatLevel(stop)}` : ''}`,
    ],
  };
}

function sellAtUpperBand(s: ChannelSettings, r: ChannelReadings): ScoredSignal {
  return {
    side: 'sell',
    strength: roundScore(0.5 + 2 * (r.percentB - (1 - s.bandProximity))),
    score: roundScore(0.4 + 0.3 * flatness(s, r) + 0.3 * (1 - getCloseLocation(r.last))),
    entry: r.last.c,
    reasons: [
      `close ${formatLevel(r.last.c)} at %B ${formatReading(r.percentB)} of Bollinger(${s.period}, ${s.deviations}) ${formatLevel(r.bands.lower)}–${formatLevel(r.bands.upper)}`,
      describeDrift(s, r),
      'take profit at the upper band',
    ],
  };
}

function flatness(s: ChannelSettings, r: ChannelReadings): number {
  return Number.isFinite(s.maxMidlineDrift) ? clampUnit(1 - r.drift / s.maxMidlineDrift) : 1;
}

function describeDrift(s: ChannelSettings, r: ChannelReadings): string {
  return `midline moved ${formatReading(r.drift)} band widths over ${s.period} bars (trend limit ${formatReading(s.maxMidlineDrift)})`;
}

function checkChannelSettings(s: ChannelSettings): void {
  checkPeriod('channel', 'period', s.period);
  checkPositive('channel', 'deviations', s.deviations);
  checkRange('channel', 'bandProximity', s.bandProximity, 0, 0.5);
  checkPositive('channel', 'maxMidlineDrift', s.maxMidlineDrift);
  checkPositive('channel', 'maxBandExpansion', s.maxBandExpansion);
  checkRange('channel', 'stopBandShare', s.stopBandShare, 0, 10);
}
