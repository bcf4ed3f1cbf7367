import { getAssetClass } from './asset-class.js';
import { TIMEFRAME_MS, type Bar, type Gap, type Timeframe } from './bars.js';
import { getNyseSession, type NyseSession } from './nyse-calendar.js';

const DAY_MS = 86_400_000;
/** The regular session opens at 09:30 ET; a trading day is never a DST-change day (those are Sundays). */
const OPEN_AFTER_MIDNIGHT_MS = 9.5 * 3_600_000;
const STOCK_DAILY_EARLY_MS = 6 * 3_600_000;

/**
 * Sessions by UTC day. The calendar works each day out through Intl (tens of µs a day),
 * and an estimate of 90 stocks × 3 timeframes × ten years would ask for the same 3,650
 * days 270 times, blocking the chat for seconds. The rules never change while the
 * process runs, so a day is worked out once; the bound only keeps a pathological caller
 * from growing it without end.
 */
const sessions = new Map<number, NyseSession | undefined>();
const MAX_CACHED_DAYS = 50_000;

function sessionOfUtcDay(day: number): NyseSession | undefined {
  if (sessions.has(day)) return sessions.get(day);
  if (sessions.size >= MAX_CACHED_DAYS) sessions.clear();
  const session = getNyseSession(new Date(day).toISOString().slice(0, 10));
  sessions.set(day, session);
  return session;
}

/**
 * The open times of the bars a series should have, with from ≤ t < to, ascending.
 *
 * - Crypto trades 24/7: every multiple of the timeframe since the epoch (UTC-aligned,
 *   as exchanges stamp them: 4h bars at 00:00, 04:00 … UTC, daily bars at 00:00 UTC).
 * - US equities, intraday: every step from the session open while before the close
 *   (09:30, 09:45 … 15:45 ET for 15m; 09:30 … 12:45 on an early-close day), and nothing
 *   on weekends and NYSE holidays. Extended-hours bars are allowed in a series but never
 *   expected.
 * - US equities, 1d: one bar per trading day, at midnight New York time (how Alpaca
 *   stamps daily bars).
 *
 * A generator, so a year of 1m bars is never held as one array.
 */
export function* expectedBarTimes(symbol: string, timeframe: Timeframe, from: number, to: number): Generator<number> {
  if (!(from < to)) return;
  const step = TIMEFRAME_MS[timeframe];
  if (getAssetClass(symbol) === 'crypto') {
    for (let t = Math.ceil(from / step) * step; t < to; t += step) yield t;
    return;
  }
  // Sessions of the UTC day before `from` can still reach past it in New York time.
  for (let day = Math.floor(from / DAY_MS) * DAY_MS - DAY_MS; day < to; day += DAY_MS) {
    const session = sessionOfUtcDay(day);
    if (session === undefined) continue;
    const open = session.open.getTime();
    if (timeframe === '1d') {
      const midnight = open - OPEN_AFTER_MIDNIGHT_MS;
      if (midnight >= from && midnight < to) yield midnight;
      continue;
    }
    const close = session.close.getTime();
    for (let t = open; t < close && t < to; t += step) {
      if (t >= from) yield t;
    }
  }
}

/**
 * How many bars `expectedBarTimes` would yield, without materializing them: arithmetic
 * per session, so ten years of one-minute stock bars (a million) count in about a
 * millisecond once the sessions are known, which is what a backfill estimate asks for
 * before anything is fetched, for every series of the request.
 */
export function countExpectedBars(symbol: string, timeframe: Timeframe, from: number, to: number): number {
  if (!(from < to)) return 0;
  const step = TIMEFRAME_MS[timeframe];
  if (getAssetClass(symbol) === 'crypto') return Math.ceil(to / step) - Math.ceil(from / step);
  let count = 0;
  for (let day = Math.floor(from / DAY_MS) * DAY_MS - DAY_MS; day < to; day += DAY_MS) {
    const session = sessionOfUtcDay(day);
    if (session === undefined) continue;
    const open = session.open.getTime();
    if (timeframe === '1d') {
      const midnight = open - OPEN_AFTER_MIDNIGHT_MS;
      if (midnight >= from && midnight < to) count += 1;
      continue;
    }
    // Bars open at open + k·step while before the close: count the k in [from, to) of them.
    const start = Math.max(open, from);
    const end = Math.min(session.close.getTime(), to);
    if (end > start) count += Math.ceil((end - open) / step) - Math.ceil((start - open) / step);
  }
  return count;
}

/**
 * The stretches of [from, to) where the calendar expects bars and `bars` (sorted by t)
 * has none: maximal runs of consecutive missing expected times, so a Friday-afternoon and
 * Monday-morning outage is one gap and an ordinary weekend is none. An expected time
 * counts as present when a bar opens in [t, t + timeframe): exact for aligned intraday
 * bars, and for stock daily bars any stamp within the New York day matches (midnight ET
 * or the 09:30 open). `to` of a gap is the end of its last missing bar, so refetching
 * [gap.from, gap.to) fills it.
 */
export function findGaps(bars: readonly Bar[], symbol: string, timeframe: Timeframe, from: number, to: number): Gap[] {
  const step = TIMEFRAME_MS[timeframe];
  // Stock daily bars come stamped at New York midnight (Alpaca) or UTC midnight (exchanges,
  // the simulated venue): the latter is 4–5 h earlier, and still the same trading day.
  const early = timeframe === '1d' && getAssetClass(symbol) !== 'crypto' ? STOCK_DAILY_EARLY_MS : 0;
  const gaps: Gap[] = [];
  let next = findFirstAtOrAfter(bars, from);
  let run: { from: number; last: number; missingBars: number } | undefined;
  for (const expected of expectedBarTimes(symbol, timeframe, from, to)) {
    while (next < bars.length && (bars[next] as Bar).t < expected - early) next += 1;
    const present = next < bars.length && (bars[next] as Bar).t < expected + step;
    if (present) {
      if (run !== undefined) gaps.push(toGap(run, step));
      run = undefined;
    } else if (run === undefined) {
      run = { from: expected, last: expected, missingBars: 1 };
    } else {
      run.last = expected;
      run.missingBars += 1;
    }
  }
  if (run !== undefined) gaps.push(toGap(run, step));
  return gaps;
}

function toGap(run: { from: number; last: number; missingBars: number }, step: number): Gap {
  return { from: run.from, to: run.last + step, missingBars: run.missingBars };
}

function findFirstAtOrAfter(bars: readonly Bar[], t: number): number {
  let lo = 0;
  let hi = bars.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((bars[mid] as Bar).t < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
