import { describe, expect, it } from 'vitest';
import { judgeSignal } from '../../../src/engine/calibration/judge-signal.js';
import type { Bar } from '../../../src/engine/market/bars.js';

const bars: Bar[] = [100, 101, 99, 100].map((c, i) => ({ t: i, o: c, h: c, l: c, c, v: 1 }));

describe('judgeSignal', () => {
  it('calls a buy right when the close that many bars later is higher, a sell when it is lower', () => {
    expect(judgeSignal(bars, 0, 'buy', 1), '100 → 101').toBe(true);
    expect(judgeSignal(bars, 0, 'buy', 2), '100 → 99').toBe(false);
    expect(judgeSignal(bars, 0, 'sell', 2), '100 → 99').toBe(true);
  });

  it('counts a flat close as wrong, and cannot judge past the end of the series', () => {
    expect(judgeSignal(bars, 0, 'buy', 3), '100 → 100 earned nothing').toBe(false);
    expect(judgeSignal(bars, 0, 'sell', 3), 'nor for a sell').toBe(false);
    expect(judgeSignal(bars, 2, 'buy', 2), 'the horizon lies beyond the last bar').toBeUndefined();
  });
});
