import { ATR, BollingerBands, DonchianChannels, RSI, RVOL, SMA } from 'trading-signals';
import type { Bar } from '../market/bars.js';

/**
 * Feeds trading-signals indicators with the tail of a bar series and reads the value at
 * the last bar. Each reader feeds only the bars its indicator needs: a scan evaluates
 * 270 series × 500 bars several times over, and windowed indicators (SMA, Donchian,
 * Bollinger) give the same answer from their window alone.
 */

/** Wilder's smoothing keeps (1 − 1/n)^k of a bar k steps back: ten periods leave < 0.1 %. */
const WILDER_WARMUP_PERIODS = 10;

export interface Channel {
  readonly lower: number;
  readonly middle: number;
  readonly upper: number;
}

/** Simple moving average of the closes of the last `period` bars. */
export function readSma(bars: readonly Bar[], period: number): number | undefined {
  if (bars.length < period) return undefined;
  const sma = new SMA(period);
  for (let i = bars.length - period; i < bars.length; i++) sma.add(at(bars, i).c);
  return sma.getResult() ?? undefined;
}

/** Wilder's RSI of the closes, warmed up over the last ten periods' bars. */
export function readRsi(bars: readonly Bar[], period: number): number | undefined {
  const rsi = new RSI(period);
  for (let i = Math.max(0, bars.length - period * WILDER_WARMUP_PERIODS); i < bars.length; i++) rsi.add(at(bars, i).c);
  return rsi.getResult() ?? undefined;
}

/** Wilder's average true range, warmed up like the RSI. */
export function readAtr(bars: readonly Bar[], period: number): number | undefined {
  const atr = new ATR(period);
  for (let i = Math.max(0, bars.length - period * WILDER_WARMUP_PERIODS); i < bars.length; i++) {
    const bar = at(bars, i);
    atr.add({ high: bar.h, low: bar.l, close: bar.c });
  }
  return atr.getResult() ?? undefined;
}

/**
 * Donchian channel (highest high, lowest low) of the `period` bars before the last one:
 * a breakout is measured against levels the breaking bar did not set itself.
 */
export function readPriorDonchian(bars: readonly Bar[], period: number): Channel | undefined {
  if (bars.length < period + 1) return undefined;
  const donchian = new DonchianChannels(period);
  for (let i = bars.length - period - 1; i < bars.length - 1; i++) {
    const bar = at(bars, i);
    donchian.add({ high: bar.h, low: bar.l });
  }
  return donchian.getResult() ?? undefined;
}

/** Volume of the last bar over the average volume of the `period` bars before it. */
export function readRelativeVolume(bars: readonly Bar[], period: number): number | undefined {
  if (bars.length < period + 1) return undefined;
  const rvol = new RVOL(period);
  for (let i = bars.length - period - 1; i < bars.length; i++) rvol.add(at(bars, i).v);
  return rvol.getResult() ?? undefined;
}

/** Bollinger Bands at the last bar and `period` bars earlier, to see how the channel moves. */
export function readBollingerHistory(bars: readonly Bar[], period: number, deviations: number): { readonly now: Channel; readonly before: Channel } | undefined {
  const now = readBollinger(bars, period, deviations, bars.length);
  const before = readBollinger(bars, period, deviations, bars.length - period);
  return now === undefined || before === undefined ? undefined : { now, before };
}

/** The bands over the `period` bars ending before `end`: fed exactly one window, computed once. */
function readBollinger(bars: readonly Bar[], period: number, deviations: number, end: number): Channel | undefined {
  if (end < period) return undefined;
  const bands = new BollingerBands(period, deviations);
  for (let i = end - period; i < end; i++) bands.add(at(bars, i).c);
  return bands.getResult() ?? undefined;
}

/** Callers check the length first; this keeps noUncheckedIndexedAccess honest without `!`. */
function at(bars: readonly Bar[], index: number): Bar {
  const bar = bars[index];
  if (bar === undefined) throw new RangeError(`no bar at ${index} of ${bars.length}`);
  return bar;
}
