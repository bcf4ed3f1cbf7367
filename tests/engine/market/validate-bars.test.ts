import { describe, expect, it } from 'vitest';
import type { Bar } from '../../../src/engine/market/bars.js';
import { validateBars } from '../../../src/engine/market/validate-bars.js';

const T0 = Date.UTC(2026, 0, 5, 14, 30);
const MINUTE = 60_000;
const bar = (t: number, overrides: Partial<Bar> = {}): Bar => ({ t, o: 100, h: 101, l: 99, c: 100.5, v: 1_000, ...overrides });

describe('validateBars', () => {
  it('keeps sound bars untouched and counts nothing', () => {
    const bars = [bar(T0), bar(T0 + MINUTE), bar(T0 + 2 * MINUTE)];
    expect(validateBars(bars, '1m'), 'nothing to drop').toEqual({ bars, dropped: 0 });
  });

  it.each([
    ['a NaN price', { o: Number.NaN }],
    ['an infinite volume', { v: Number.POSITIVE_INFINITY }],
    ['a high below the close', { h: 100.2 }],
    ['a high below the open', { o: 101.5 }],
    ['a low above the open', { l: 100.1 }],
    ['a low above the high', { l: 102, h: 101, o: 101, c: 101 }],
    ['a negative volume', { v: -1 }],
    ['a zero price', { o: 0, l: 0 }],
  ])('drops a bar with %s', (_, overrides) => {
    const result = validateBars([bar(T0), bar(T0 + MINUTE, overrides)], '1m');
    expect(result.bars.map((b) => b.t), 'only the sound bar is left').toEqual([T0]);
    expect(result.dropped, 'the bad one is counted').toBe(1);
  });

  it('drops bars off the timeframe grid', () => {
    const result = validateBars([bar(T0), bar(T0 + 30_000), bar(T0 + 5 * MINUTE)], '5m');
    expect(result.bars.map((b) => b.t), '14:30:30 is not a 5-minute open').toEqual([T0, T0 + 5 * MINUTE]);
    expect(result.dropped, 'one off-grid bar').toBe(1);
    expect(validateBars([bar(Date.UTC(2026, 0, 5, 14, 30))], '1h').dropped, '1h bars open on the hour').toBe(1);
  });

  it('accepts daily and 4h bars anchored to New York midnight (04:00Z / 05:00Z), as Alpaca sends them', () => {
    const winter = Date.UTC(2024, 2, 8, 5);
    const summer = Date.UTC(2024, 2, 11, 4);
    expect(validateBars([bar(winter), bar(summer)], '1d'), 'across the DST change').toEqual({ bars: [bar(winter), bar(summer)], dropped: 0 });
    expect(validateBars([bar(winter), bar(winter + 4 * 3_600_000)], '4h').dropped, '4h at 05:00Z and 09:00Z').toBe(0);
    expect(validateBars([bar(winter + 30 * MINUTE)], '1d').dropped, 'but still on a whole hour').toBe(1);
  });

  it('sorts out-of-order bars and drops repeated times, keeping the first sent', () => {
    const first = bar(T0 + MINUTE, { c: 100.1 });
    const repeat = bar(T0 + MINUTE, { c: 100.9 });
    const result = validateBars([bar(T0 + 2 * MINUTE), first, bar(T0), repeat], '1m');
    expect(result.bars.map((b) => b.t), 'strictly increasing').toEqual([T0, T0 + MINUTE, T0 + 2 * MINUTE]);
    expect(result.bars[1], 'stable sort: the first of the duplicates wins').toBe(first);
    expect(result.dropped, 'the duplicate is counted').toBe(1);
  });

  it('handles an empty page', () => {
    expect(validateBars([], '1d'), 'nothing in, nothing out').toEqual({ bars: [], dropped: 0 });
  });
});
