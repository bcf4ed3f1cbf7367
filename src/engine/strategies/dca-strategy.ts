import type { Bar } from '../market/bars.js';
import { checkPeriod, checkPositive, checkRange } from './check-settings.js';
import { formatLevel, formatPercent, formatReading } from './format-level.js';
import { readRsi, readSma } from './read-indicators.js';
import { getCloseLocation, roundScore, scorePastThreshold } from './signal-scores.js';
import type { ScoredSignal, ScoredStrategy, StrategyInput } from './strategy.js';

export interface DcaSettings {
  /** Period of the simple moving average a dip is measured from. */
  readonly maPeriod: number;
  /** A dip: the close at least this many percent below the SMA. */
  readonly dipPercent: number;
  /** Period of Wilder's RSI. */
  readonly rsiPeriod: number;
  /** Oversold: RSI below this (under 50). */
  readonly rsiBelow: number;
  /** `either`: a dip or an oversold RSI is enough; `both`: they must agree. */
  readonly trigger: 'either' | 'both';
  /** While holding, add only with the close at least this many percent below the average entry. */
  readonly addBelowEntryPercent: number;
  /** Buys after the first one into the same position. */
  readonly maxAdds: number;
  /** A stop this many percent under the entry; none by default: DCA holds through dips. */
  readonly stopPercent?: number;
  /** Bars after which a buy is judged: right when the close is above the entry by then. */
  readonly horizonBars: number;
}

/** SMA(50), a 3 % dip or RSI(14) under 30, adds 5 % under the average entry, at most 3 adds; judged after 20 bars. */
export const DCA_DEFAULTS: DcaSettings = {
  maPeriod: 50,
  dipPercent: 3,
  rsiPeriod: 14,
  rsiBelow: 30,
  trigger: 'either',
  addBelowEntryPercent: 5,
  maxAdds: 3,
  horizonBars: 20,
};

interface DcaReadings {
  readonly last: Bar;
  readonly sma: number;
  readonly rsi: number;
  readonly dipPercent: number;
  readonly isDip: boolean;
  readonly isOversold: boolean;
}

/**
 * Buys dips and never sells. Fires when the close is `dipPercent` under the SMA and/or
 * the RSI is oversold. Holding already, it adds only well under the average entry (it
 * never averages up) and at most `maxAdds` times; not knowing the entry price or how many
 * buys built the position, it does not add. Target: back to the SMA.
 *
 * Strength: the larger of the dip score (dip / threshold) and the RSI score ((50 − RSI) /
 * (50 − threshold)), each 0.5 at its threshold and 1 at twice it.
 * Score: 0.4, + 0.3 when dip and RSI agree, + 0.3 × where the bar closed in its range
 * (a close off the low says buyers stepped in; a close on the low is a falling knife).
 * Calibration turns the score into a confidence. Horizon: `horizonBars`, the time a dip
 * gets to come back.
 */
export function createDcaStrategy(settings: Partial<DcaSettings> = {}): ScoredStrategy {
  const s: DcaSettings = { ...DCA_DEFAULTS, ...settings };
  checkDcaSettings(s);
  return {
    name: 'dca',
    description: `buys dips ${s.dipPercent}% under SMA(${s.maPeriod}) ${s.trigger === 'both' ? 'and' : 'or'} RSI(${s.rsiPeriod}) under ${s.rsiBelow}; adds ${s.addBelowEntryPercent}% under the average entry, at most ${s.maxAdds} times; never sells`,
    minBars: Math.max(s.maPeriod, s.rsiPeriod + 1),
    horizonBars: s.horizonBars,
    evaluate: (input) => evaluateDca(s, input),
  };
}

function evaluateDca(s: DcaSettings, input: StrategyInput): ScoredSignal | undefined {
  // Whether a buy is allowed at all needs no indicator: held positions mostly cannot add.
  const add = checkAdd(s, input, input.bars[input.bars.length - 1]?.c ?? Number.NaN);
  if (!add.allowed) return undefined;
  const readings = readDca(s, input.bars);
  if (readings === undefined) return undefined;
  const { last, sma, rsi, isDip, isOversold } = readings;
  if (!(s.trigger === 'both' ? isDip && isOversold : isDip || isOversold)) return undefined;

  const strength = Math.max(scorePastThreshold(readings.dipPercent, s.dipPercent), scorePastThreshold(50 - rsi, 50 - s.rsiBelow));
  const closeLocation = getCloseLocation(last);
  const score = 0.4 + (isDip && isOversold ? 0.3 : 0) + 0.3 * closeLocation;
  const target = sma > last.c ? sma : undefined;
  const stop = s.stopPercent === undefined ? undefined : last.c * (1 - s.stopPercent / 100);
  const reasons = [
    describeDip(s, readings),
    `RSI(${s.rsiPeriod}) ${formatReading(rsi)}${isOversold ? ` (oversold under ${s.rsiBelow})` : ''}`,
    `closed at ${formatPercent(closeLocation * 100)} of the bar's range`,
    ...(add.reason === undefined ? [] : [add.reason]),
    ...(target === undefined ? [] : [`target SMA(${s.maPeriod}) ${formatLevel(target)}`]),
  ];
  return {
    side: 'buy',
    strength: roundScore(strength),
    score: roundScore(score),
    entry: last.c,
    ...(stop === undefined ? {} : { stop }),
    ...(target === undefined ? {} : { target }),
    reasons,
  };
}

function readDca(s: DcaSettings, bars: readonly Bar[]): DcaReadings | undefined {
  const last = bars[bars.length - 1];
  if (last === undefined || bars.length < Math.max(s.maPeriod, s.rsiPeriod + 1)) return undefined;
  const sma = readSma(bars, s.maPeriod);
  const rsi = readRsi(bars, s.rsiPeriod);
  if (sma === undefined || rsi === undefined || !(sma > 0)) return undefined;
  const dipPercent = ((sma - last.c) / sma) * 100;
  return { last, sma, rsi, dipPercent, isDip: dipPercent >= s.dipPercent, isOversold: rsi < s.rsiBelow };
}

type AddVerdict = { readonly allowed: false } | { readonly allowed: true; readonly reason?: string };

/** Flat: a first buy. Holding: an add, only well under the average entry and under the cap. */
function checkAdd(s: DcaSettings, input: StrategyInput, close: number): AddVerdict {
  if (!(input.positionQuantity > 0)) return { allowed: true };
  const average = input.positionAveragePrice;
  const entries = input.positionEntries;
  if (average === undefined || !(average > 0) || entries === undefined) return { allowed: false };
  const addsDone = Math.max(0, entries - 1);
  if (addsDone >= s.maxAdds) return { allowed: false };
  const belowEntry = ((average - close) / average) * 100;
  if (!(close < average && belowEntry >= s.addBelowEntryPercent)) return { allowed: false };
  const reason = `averaging down: close is ${formatPercent(belowEntry)} under the average entry ${formatLevel(average)} (add ${addsDone + 1} of ${s.maxAdds})`;
  return { allowed: true, reason };
}

function describeDip(s: DcaSettings, r: DcaReadings): string {
  const where = r.dipPercent >= 0 ? 'below' : 'above';
  return `close ${formatLevel(r.last.c)} is ${formatPercent(Math.abs(r.dipPercent))} ${where} SMA(${s.maPeriod}) ${formatLevel(r.sma)}`;
}

function checkDcaSettings(s: DcaSettings): void {
  checkPeriod('dca', 'maPeriod', s.maPeriod);
  checkPeriod('dca', 'rsiPeriod', s.rsiPeriod);
  checkPositive('dca', 'dipPercent', s.dipPercent);
  checkRange('dca', 'rsiBelow', s.rsiBelow, 0, 49.99);
  checkRange('dca', 'addBelowEntryPercent', s.addBelowEntryPercent, 0, 100);
  checkRange('dca', 'maxAdds', s.maxAdds, 0, 1000);
  checkPeriod('dca', 'horizonBars', s.horizonBars);
  if (s.stopPercent !== undefined) checkRange('dca', 'stopPercent', s.stopPercent, 0.01, 99.99);
  if (s.trigger !== 'either' && s.trigger !== 'both') throw new RangeError(`dca strategy: trigger must be "either" or "both", got ${String(s.trigger)}`);
}
