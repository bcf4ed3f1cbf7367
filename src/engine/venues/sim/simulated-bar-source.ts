import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { BarPage, BarSource } from '../../ports/bar-source.js';
import { TIMEFRAME_MS, type Bar, type Timeframe } from '../../market/bars.js';
import type { SimulatedMarket } from './simulated-market.js';
import { checkWindow } from '../../market/clip-to-window.js';
import { mix32 } from './mix32.js';

export const SIM_VENUE = 'sim';
export const SIM_PAGE_SIZE = 1_000;

const MINUTE_MS = 60_000;
/** Interior minutes sampled for high/low besides the first and the last. */
const INTERIOR_SAMPLES = 4;
/** The smallest wick, as a share of price: a one-minute bar still has a range (ATR > 0). */
const MIN_WICK_SHARE = 0.0005;
/** Roughly the dollar volume one minute trades, so volume shrinks as price grows. */
const NOTIONAL_PER_MINUTE = 250_000;
const CENT = 0.01;

/**
 * Bars from the simulated market's random walk, for any symbol it knows and any
 * timeframe: open is the price in the bar's first minute, close the price in its last,
 * high and low the extremes of a few sampled minutes widened by a hashed wick, volume a
 * hash of (symbol, timeframe, t). Same market seed, same bars, on every run.
 *
 * The clock is 24/7 for every symbol, stocks included: the walk has no sessions, and
 * gaps a calendar would add are the store's and the scanner's concern, tested against
 * the real venues. Bars sit on the UTC grid of their timeframe (1d at 00:00Z).
 */
export function createSimulatedBarSource(market: SimulatedMarket): BarSource {
  return {
    venue: SIM_VENUE,
    fetchBars: (symbol, timeframe, from, to, signal) => generatePages(market, symbol, timeframe, from, to, signal),
  };
}

async function* generatePages(
  market: SimulatedMarket,
  symbol: string,
  timeframe: Timeframe,
  from: number,
  to: number,
  signal: AbortSignal | undefined,
): AsyncGenerator<BarPage> {
  checkWindow(from, to);
  if (!market.knownSymbols().includes(symbol)) return;
  const length = TIMEFRAME_MS[timeframe];
  // Only bars that have fully closed by `to`.
  const end = Math.floor(to / length) * length;
  for (let start = Math.ceil(from / length) * length; start < end; start += SIM_PAGE_SIZE * length) {
    signal?.throwIfAborted();
    const bars: Bar[] = [];
    for (let t = start; t < end && bars.length < SIM_PAGE_SIZE; t += length) bars.push(buildBar(market, symbol, timeframe, t));
    yield { bars, dropped: 0 };
    // Pages are CPU work: let I/O (the chat, the webhook) through between them.
    await yieldToEventLoop();
  }
}

function buildBar(market: SimulatedMarket, symbol: string, timeframe: Timeframe, t: number): Bar {
  const minutes = TIMEFRAME_MS[timeframe] / MINUTE_MS;
  const price = (minute: number) => market.priceAt(symbol, new Date(t + minute * MINUTE_MS))?.toNumber() ?? Number.NaN;
  const o = price(0);
  const c = price(minutes - 1);
  let high = Math.max(o, c);
  let low = Math.min(o, c);
  for (const minute of getInteriorMinutes(minutes)) {
    const p = price(minute);
    high = Math.max(high, p);
    low = Math.min(low, p);
  }
  const key = hashSeries(symbol, timeframe, t);
  const wick = Math.max(high - low, high * MIN_WICK_SHARE) / 2;
  const h = Math.max(high, roundToCent(high + wick * unitDraw(key, 1)));
  const l = Math.min(low, Math.max(CENT, roundToCent(low - wick * unitDraw(key, 2))));
  const v = Math.round(((NOTIONAL_PER_MINUTE * minutes * (0.5 + unitDraw(key, 3))) / c) * 1e4) / 1e4;
  return { t, o, h, l, c, v };
}

/** Every interior minute of a short bar; evenly spaced ones of a long bar. */
function getInteriorMinutes(minutes: number): number[] {
  if (minutes <= INTERIOR_SAMPLES + 2) return Array.from({ length: Math.max(0, minutes - 2) }, (_, i) => i + 1);
  return Array.from({ length: INTERIOR_SAMPLES }, (_, i) => Math.round(((i + 1) * (minutes - 1)) / (INTERIOR_SAMPLES + 1)));
}

function roundToCent(value: number): number {
  // Multiply then divide: `x / 0.01 * 0.01` leaves float noise like 190.14000000000001.
  return Math.round(value * 100) / 100;
}

/** FNV-1a of symbol and timeframe, folded with both 32-bit halves of `t`. */
function hashSeries(symbol: string, timeframe: Timeframe, t: number): number {
  let h = 0x811c9dc5;
  for (const char of `${symbol}|${timeframe}`) h = Math.imul(h ^ char.charCodeAt(0), 0x01000193);
  h = mix32(h ^ Math.floor(t / 2 ** 32));
  return mix32(h ^ (t >>> 0));
}

/** A draw in [0, 1) determined by the bar's key and which draw it is. */
function unitDraw(key: number, draw: number): number {
  return mix32(key + Math.imul(draw, 0x9e3779b1)) / 2 ** 32;
}
