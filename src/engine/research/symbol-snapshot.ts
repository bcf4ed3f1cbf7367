import type { Bar } from '../market/bars.js';
import type * as Indicators from '../strategies/read-indicators.js';

/** The trading-signals readers research uses; loaded with the first run, not at start-up. */
export type IndicatorReaders = Pick<typeof Indicators, 'readSma' | 'readRsi' | 'readAtr' | 'readRelativeVolume' | 'readBollingerHistory'>;

/** One row of the market table. Percentages are percent (1.5 means 1.5 %); undefined: not enough history. */
export interface SymbolSnapshot {
  readonly symbol: string;
  readonly dailyBars: number;
  readonly price?: number;
  readonly ageMinutes?: number;
  readonly return1d?: number;
  readonly return5d?: number;
  readonly return20d?: number;
  readonly rsi14?: number;
  readonly vsSma20?: number;
  readonly vsSma50?: number;
  readonly atrPct?: number;
  /** 0 at the lower Bollinger band (20, 2), 1 at the upper one. */
  readonly bollingerPosition?: number;
  /** The last day's volume over the 20 days before it. */
  readonly volumeRatio?: number;
}

export const DAILY_BARS_NEEDED = 60;
const DAY_MS = 86_400_000;

export interface SnapshotInput {
  readonly symbol: string;
  /** The last daily bars, oldest first. */
  readonly daily: readonly Bar[];
  /** The newest bar of the fastest timeframe watched, if fresher than the daily close. */
  readonly latest?: { readonly bar: Bar; readonly timeframeMs: number };
  readonly now: Date;
}

/** Every measure of one symbol, from stored bars only (no venue call per symbol). */
export function snapshotSymbol(input: SnapshotInput, readers: IndicatorReaders): SymbolSnapshot {
  const { daily, symbol } = input;
  const last = daily.at(-1);
  const close = (back: number) => daily[daily.length - 1 - back]?.c;
  const quote = latestQuote(input);
  if (last === undefined || quote === undefined) return { symbol, dailyBars: daily.length };
  const price = quote.price;
  const change = (from: number | undefined) => (from === undefined || from <= 0 ? undefined : (last.c / from - 1) * 100);
  const versus = (level: number | undefined) => (level === undefined || level <= 0 ? undefined : (price / level - 1) * 100);
  const atr = readers.readAtr(daily, 14);
  const bands = readers.readBollingerHistory(daily, 20, 2)?.now;
  const width = bands === undefined ? 0 : bands.upper - bands.lower;
  return {
    symbol,
    dailyBars: daily.length,
    price,
    ageMinutes: Math.max(0, Math.round((input.now.getTime() - quote.observedAt) / 60_000)),
    return1d: change(close(1)),
    return5d: change(close(5)),
    return20d: change(close(20)),
    rsi14: readers.readRsi(daily, 14),
    vsSma20: versus(readers.readSma(daily, 20)),
    vsSma50: versus(readers.readSma(daily, 50)),
    atrPct: atr === undefined ? undefined : (atr / price) * 100,
    bollingerPosition: bands === undefined || width <= 0 ? undefined : (price - bands.lower) / width,
    volumeRatio: readers.readRelativeVolume(daily, 20),
  };
}

/** The freshest close known and when it was observed (a bar's close time, never in the future). */
function latestQuote(input: SnapshotInput): { price: number; observedAt: number } | undefined {
  const daily = input.daily.at(-1);
  const now = input.now.getTime();
  const dailyAt = daily === undefined ? -Infinity : Math.min(now, daily.t + DAY_MS);
  const latest = input.latest;
  if (latest !== undefined && Math.min(now, latest.bar.t + latest.timeframeMs) > dailyAt) {
    return { price: latest.bar.c, observedAt: Math.min(now, latest.bar.t + latest.timeframeMs) };
  }
  return daily === undefined ? undefined : { price: daily.c, observedAt: dailyAt };
}
