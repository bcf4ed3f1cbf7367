import { TIMEFRAME_MS, type Bar, type Timeframe } from '../market/bars.js';

/**
 * The closed bars a strategy may look at, or undefined when the series is stale. Bars
 * still forming (closing after `now`) are dropped: a signal on one could vanish by the
 * close. The series is fresh when the last closed bar closed at most
 * `maxBarAgeFactor` × timeframe ago — it opened within (factor + 1) × timeframe of now —
 * so a stalled feed or an unfinished backfill never leads to a proposal.
 */
export function getFreshBars(bars: readonly Bar[], timeframe: Timeframe, now: Date, maxBarAgeFactor: number): readonly Bar[] | undefined {
  const duration = TIMEFRAME_MS[timeframe];
  const nowMs = now.getTime();
  let end = bars.length;
  while (end > 0 && (bars[end - 1]?.t ?? 0) + duration > nowMs) end--;
  const closed = end === bars.length ? bars : bars.slice(0, end);
  const last = closed[closed.length - 1];
  if (last === undefined) return undefined;
  const sinceClose = nowMs - (last.t + duration);
  return sinceClose <= maxBarAgeFactor * duration ? closed : undefined;
}
