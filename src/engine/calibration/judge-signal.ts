import type { Bar } from '../market/bars.js';
import type { Side } from '../proposals/proposal.js';

/**
 * Was the signal on `bars[index]` right? Yes when the close `horizonBars` bars later is
 * beyond the entry in the signal's direction: higher after a buy, lower after a sell (a
 * flat close counts as wrong). One rule for every strategy, so a confidence of 0.6 means
 * the same thing whichever strategy says it. Stops and targets are left out on purpose:
 * not every signal has them, and a far target would make a good signal look wrong.
 * Undefined when the series ends before the horizon.
 */
export function judgeSignal(bars: readonly Bar[], index: number, side: Side, horizonBars: number): boolean | undefined {
  const entry = bars[index]?.c;
  const later = bars[index + horizonBars]?.c;
  if (entry === undefined || later === undefined) return undefined;
  return side === 'buy' ? later > entry : later < entry;
}
