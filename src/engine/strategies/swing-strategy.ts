import type { Bar } from '../market/bars.js';
import { checkPeriod, checkPositive } from './check-settings.js';
import { formatLevel, formatPercent, formatReading } from './format-level.js';
import { readAtr, readPriorDonchian, readRelativeVolume } from './read-indicators.js';
import { clampUnit, getCloseLocation, roundScore, scorePastThreshold } from './signal-scores.js';
import type { ScoredSignal, ScoredStrategy, StrategyInput } from './strategy.js';

export interface SwingSettings {
  /** A breakout: the close above the highest high of this many bars before it. */
  readonly breakoutBars: number;
  /** Bars whose average volume the breakout bar's volume is compared with. */
  readonly volumeBars: number;
  /** The breakout bar needs more than this many times the average volume. */
  readonly volumeFactor: number;
  /** Exit when holding and the close falls under the lowest low of this many bars; the stop sits there too. */
  readonly exitBars: number;
  /** Period of Wilder's ATR, the yardstick for how far a close went past a level. */
  readonly atrPeriod: number;
  /** The target is this many times the risk (entry − stop) above the entry. */
  readonly riskMultiple: number;
}

/** 20-bar breakout on 1.5× the 20-bar average volume; 10-bar low exit and stop; target 2R. */
export const SWING_DEFAULTS: SwingSettings = {
  breakoutBars: 20,
  volumeBars: 20,
  volumeFactor: 1.5,
  exitBars: 10,
  atrPeriod: 14,
  riskMultiple: 2,
};

/**
 * Momentum breakouts with volume confirmation. Flat: buys when the close breaks above the
 * prior `breakoutBars` high on more than `volumeFactor` × average volume; the stop is the
 * lowest low of the last `exitBars` bars, the target `riskMultiple` × that risk above the
 * entry. Holding: sells when the close falls under the prior `exitBars` low; it never adds
 * to a position (no pyramiding). Without volume data (volume 0) it never buys.
 *
 * Buy strength: the mean of the volume score (relative volume / factor) and the price
 * score (0.5 at the level, 1 one ATR past it). Buy score: 0.4, + 0.3 × where the bar
 * closed in its range (near the high: the breakout held), + 0.3 × how little it is
 * extended (1 at the level, 0 two ATRs past it: chasing).
 * Exit strength: 0.5 at the level, 1 one ATR under it. Exit score: 0.5, + 0.5 × how
 * near its low the bar closed. Calibration turns scores into confidences; a signal is
 * judged after `exitBars` bars, the window its stop and exit look at.
 */
export function createSwingStrategy(settings: Partial<SwingSettings> = {}): ScoredStrategy {
  const s: SwingSettings = { ...SWING_DEFAULTS, ...settings };
  checkSwingSettings(s);
  return {
    name: 'swing',
    description: `buys a close above the ${s.breakoutBars}-bar high on ${s.volumeFactor}× average volume; exits under the ${s.exitBars}-bar low; target ${s.riskMultiple}R`,
    minBars: Math.max(s.breakoutBars, s.volumeBars, s.exitBars, s.atrPeriod) + 1,
    horizonBars: s.exitBars,
    evaluate: (input) => evaluateSwing(s, input),
  };
}

function evaluateSwing(s: SwingSettings, input: StrategyInput): ScoredSignal | undefined {
  const { bars } = input;
  if (bars.length < Math.max(s.breakoutBars, s.volumeBars, s.exitBars, s.atrPeriod) + 1) return undefined;
  return input.positionQuantity > 0 ? evaluateExit(s, bars, input.positionQuantity) : evaluateBreakout(s, bars);
}

function evaluateBreakout(s: SwingSettings, bars: readonly Bar[]): ScoredSignal | undefined {
  const last = bars[bars.length - 1];
  const high = readPriorDonchian(bars, s.breakoutBars)?.upper;
  if (last === undefined || high === undefined || !(last.c > high)) return undefined;
  const volume = readRelativeVolume(bars, s.volumeBars);
  if (volume === undefined || !(volume > s.volumeFactor)) return undefined;
  const atr = readAtr(bars, s.atrPeriod);
  const recentLow = readPriorDonchian(bars, s.exitBars)?.lower;
  if (atr === undefined || !(atr > 0) || recentLow === undefined) return undefined;
  const stop = Math.min(recentLow, last.l);
  const risk = last.c - stop;
  if (!(risk > 0)) return undefined;
  const target = last.c + s.riskMultiple * risk;
  const pastLevel = (last.c - high) / atr;
  const closeLocation = getCloseLocation(last);
  const strength = (scorePastThreshold(volume, s.volumeFactor) + clampUnit(0.5 + 0.5 * pastLevel)) / 2;
  const score = 0.4 + 0.3 * closeLocation + 0.3 * clampUnit(1 - pastLevel / 2);
  const reasons = [
    `close ${formatLevel(last.c)} broke above the ${s.breakoutBars}-bar high ${formatLevel(high)} by ${formatPercent(((last.c - high) / high) * 100)} (${formatReading(pastLevel)} ATR)`,
    `volume ${formatReading(volume)}× its ${s.volumeBars}-bar average (needs over ${formatReading(s.volumeFactor)}×)`,
    `closed at ${formatPercent(closeLocation * 100)} of the bar's range`,
    `stop ${formatLevel(stop)} at the ${s.exitBars}-bar low, target ${formatLevel(target)} at ${formatReading(s.riskMultiple)}R`,
  ];
  return { side: 'buy', strength: roundScore(strength), score: roundScore(score), entry: last.c, stop, target, reasons };
}

function evaluateExit(s: SwingSettings, bars: readonly Bar[], held: number): ScoredSignal | undefined {
  const last = bars[bars.length - 1];
  const low = readPriorDonchian(bars, s.exitBars)?.lower;
  if (last === undefined || low === undefined || !(last.c < low)) return undefined;
  const atr = readAtr(bars, s.atrPeriod);
  const pastLevel = atr !== undefined && atr > 0 ? (low - last.c) / atr : 0;
  const closeLocation = getCloseLocation(last);
  const reasons = [
    `close ${formatLevel(last.c)} fell below the ${s.exitBars}-bar low ${formatLevel(low)} by ${formatPercent(((low - last.c) / low) * 100)} (${formatReading(pastLevel)} ATR)`,
    `closed at ${formatPercent(closeLocation * 100)} of the bar's range`,
    `exit the whole position (${String(held)})`,
  ];
  return {
    side: 'sell',
    strength: roundScore(0.5 + 0.5 * pastLevel),
    score: roundScore(0.5 + 0.5 * (1 - closeLocation)),
    entry: last.c,
    reasons,
  };
}

function checkSwingSettings(s: SwingSettings): void {
  checkPeriod('swing', 'breakoutBars', s.breakoutBars);
  checkPeriod('swing', 'volumeBars', s.volumeBars);
  checkPeriod('swing', 'exitBars', s.exitBars);
  checkPeriod('swing', 'atrPeriod', s.atrPeriod);
  checkPositive('swing', 'volumeFactor', s.volumeFactor);
  checkPositive('swing', 'riskMultiple', s.riskMultiple);
}
