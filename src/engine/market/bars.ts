/**
 * OHLCV bars. Prices here are binary floats on purpose: indicators and scans read
 * hundreds of thousands of bars, and nothing here is summed into money — orders and P&L
 * use decimals (src/engine/money).
 */
export const TIMEFRAMES = ['1m', '5m', '15m', '1h', '4h', '1d'] as const;
export type Timeframe = (typeof TIMEFRAMES)[number];

export const TIMEFRAME_MS: Readonly<Record<Timeframe, number>> = {
  '1m': 60_000,
  '5m': 300_000,
  '15m': 900_000,
  '1h': 3_600_000,
  '4h': 14_400_000,
  '1d': 86_400_000,
};

export function isTimeframe(value: string): value is Timeframe {
  return (TIMEFRAMES as readonly string[]).includes(value);
}

/** One bar; `t` is the UTC open time in milliseconds. */
export interface Bar {
  readonly t: number;
  readonly o: number;
  readonly h: number;
  readonly l: number;
  readonly c: number;
  readonly v: number;
}

/** Which series: one file per venue, symbol and timeframe in the bar store. */
export interface SeriesKey {
  /** `sim`, `alpaca` or `ccxt:<exchange id>`. */
  readonly venue: string;
  readonly symbol: string;
  readonly timeframe: Timeframe;
}

/** A stretch where the calendar expects bars and the series has none. */
export interface Gap {
  readonly from: number;
  /** Exclusive. */
  readonly to: number;
  readonly missingBars: number;
}
