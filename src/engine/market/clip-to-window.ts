import type { Bar, Timeframe } from './bars.js';
import { TIMEFRAME_MS } from './bars.js';

/**
 * The bars a source may hand out for [from, to): opened at or after `from` and closed by
 * `to`. Venues send the bar still forming (Binance's last kline, Alpaca's day in
 * progress) whenever the window reaches now; storing it would freeze a half-built bar, so
 * only complete ones pass. Bars cut off here are outside the request, not bad data: they
 * do not count as dropped.
 */
export function clipToWindow(bars: readonly Bar[], timeframe: Timeframe, from: number, to: number): Bar[] {
  const length = TIMEFRAME_MS[timeframe];
  return bars.filter((bar) => bar.t >= from && bar.t + length <= to);
}

/** Refuses a window a source cannot page through. */
export function checkWindow(from: number, to: number): void {
  if (!Number.isFinite(from) || !Number.isFinite(to)) throw new RangeError(`bar window needs finite times, got ${from}..${to}`);
}
