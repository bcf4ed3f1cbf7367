import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { barIndexOf, chooseTimeTicks, renderCandles, type CandleChart } from '../../../src/bot/charts/render-candles.js';
import { formatTickTime, timeAxisTitle } from '../../../src/bot/charts/time-axis.js';
import type { Bar } from '../../../src/engine/market/bars.js';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const HOUR = 3_600_000;
const START = Date.UTC(2026, 10, 1, 5);

/** A wavy hourly series: rising and falling candles with real wicks. */
function makeBars(count: number): Bar[] {
  return Array.from({ length: count }, (_, i) => {
    const o = 100 + 10 * Math.sin(i / 7);
    const c = 100 + 10 * Math.sin((i + 1) / 7);
    return { t: START + i * HOUR, o, c, h: Math.max(o, c) + 1.5, l: Math.min(o, c) - 1.5, v: 1_000 + 500 * Math.cos(i / 3) };
  });
}

const chart = (bars: Bar[], extra: Partial<CandleChart> = {}): CandleChart => ({ title: 'BTC/USDT · 1h · sim', bars, timeframeMs: HOUR, timeZone: 'UTC', quoteCurrency: 'USDT', ...extra });

/** Width and height from the IHDR chunk, which always follows the signature. */
const sizeOf = (png: Buffer) => ({ width: png.readUInt32BE(16), height: png.readUInt32BE(20) });

describe('renderCandles', () => {
  it('renders a full-width 1280 × 720 PNG', async () => {
    const started = performance.now();
    const png = await renderCandles(chart(makeBars(120)));
    console.log(`renderCandles: 120 bars in ${(performance.now() - started).toFixed(0)} ms, ${png.length} bytes`);
    expect([...png.subarray(0, 8)], 'the PNG signature').toEqual(PNG_SIGNATURE);
    expect(png.length, 'candles, volume and axes, not a blank canvas').toBeGreaterThan(20_000);
    expect(sizeOf(png), '16:9, sharp on a phone').toEqual({ width: 1280, height: 720 });
  });

  it('draws the candles: more bars give a different picture', async () => {
    const few = await renderCandles(chart(makeBars(10)), 400, 300);
    const many = await renderCandles(chart(makeBars(200)), 400, 300);
    expect(sizeOf(few), 'custom dimensions').toEqual({ width: 400, height: 300 });
    expect(few.equals(many), 'the bars are drawn, not ignored').toBe(false);
  });

  it('marks our fills on the candles', async () => {
    const bars = makeBars(60);
    const plain = await renderCandles(chart(bars));
    const marked = await renderCandles(chart(bars, { fills: [{ at: START + 20 * HOUR + 60_000, price: 104, side: 'buy' }, { at: START + 40 * HOUR, price: 96, side: 'sell' }] }));
    expect(marked.equals(plain), 'the markers (and their key) are drawn').toBe(false);
  });

  it('renders one bar and no bar without throwing', async () => {
    const one = await renderCandles(chart(makeBars(1)));
    const none = await renderCandles(chart([]));
    expect([...one.subarray(0, 8)], 'one bar is a PNG').toEqual(PNG_SIGNATURE);
    expect([...none.subarray(0, 8)], 'an empty chart is still a PNG').toEqual(PNG_SIGNATURE);
  });

  it('renders the same bars the same way (no state left behind between charts)', async () => {
    const bars = makeBars(60);
    const first = await renderCandles(chart(bars));
    await renderCandles(chart(makeBars(30), { timeZone: 'Europe/Berlin' }));
    expect((await renderCandles(chart(bars))).equals(first), 'deterministic').toBe(true);
  });
});

describe('the candle chart axes', () => {
  it('has enough dated ticks, on round times of the zone, with the zone named', () => {
    const bars = makeBars(120);
    const { indexes, step } = chooseTimeTicks(bars, HOUR, 'UTC');
    expect(indexes.length, 'five days of hourly bars: 5 to 10 dated ticks, not 2').toBeGreaterThanOrEqual(5);
    expect(indexes.length, 'not crowded').toBeLessThanOrEqual(10);
    expect(step, 'every 12 hours').toBe(12 * HOUR);
    expect(indexes.map((i) => formatTickTime(bars[i]?.t ?? 0, step, 'UTC')).slice(0, 3), 'dated labels at noon and midnight').toEqual(['Nov 1 12:00', 'Nov 2 00:00', 'Nov 2 12:00']);
    expect(timeAxisTitle(START, 'UTC'), 'the zone on the axis').toBe('Time (UTC)');
    expect(timeAxisTitle(START + 48 * HOUR, 'America/New_York'), 'with its abbreviation (after the DST change)').toBe('Time (America/New_York, EST)');
  });

  it('places a fill on the bar it happened in, or just after the last closed bar', () => {
    const bars = makeBars(10);
    expect(barIndexOf(bars, HOUR, START + 3 * HOUR + 59 * 60_000), 'inside bar 3').toBe(3);
    expect(barIndexOf(bars, HOUR, START + 10 * HOUR + 1), 'in the bar forming now').toBe(10);
    expect(barIndexOf(bars, HOUR, START - 1), 'before the chart: not drawn').toBeUndefined();
  });
});
