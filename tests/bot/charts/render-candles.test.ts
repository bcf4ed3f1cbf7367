import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { renderCandles } from '../../../src/bot/charts/render-candles.js';
import type { Bar } from '../../../src/engine/market/bars.js';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const HOUR = 3_600_000;

/** A wavy hourly series: rising and falling candles with real wicks. */
function makeBars(count: number): Bar[] {
  return Array.from({ length: count }, (_, i) => {
    const o = 100 + 10 * Math.sin(i / 7);
    const c = 100 + 10 * Math.sin((i + 1) / 7);
    return { t: Date.UTC(2026, 10, 1) + i * HOUR, o, c, h: Math.max(o, c) + 1.5, l: Math.min(o, c) - 1.5, v: 1_000 };
  });
}

/** Width and height from the IHDR chunk, which always follows the signature. */
const sizeOf = (png: Buffer) => ({ width: png.readUInt32BE(16), height: png.readUInt32BE(20) });

describe('renderCandles', () => {
  it('renders a PNG of a reasonable size at the requested dimensions', async () => {
    const started = performance.now();
    const png = await renderCandles('BTC/USDT 1h · sim', makeBars(120));
    console.log(`renderCandles: 120 bars in ${(performance.now() - started).toFixed(0)} ms, ${png.length} bytes`);
    expect([...png.subarray(0, 8)], 'the PNG signature').toEqual(PNG_SIGNATURE);
    expect(png.length, 'candles and axes, not a blank canvas').toBeGreaterThan(5_000);
    expect(sizeOf(png), 'the default 1000 × 500').toEqual({ width: 1000, height: 500 });
  });

  it('draws the candles: more bars give a different picture', async () => {
    const few = await renderCandles('t', makeBars(10), 400, 300);
    const many = await renderCandles('t', makeBars(200), 400, 300);
    expect(sizeOf(few), 'custom dimensions').toEqual({ width: 400, height: 300 });
    expect(few.equals(many), 'the bars are drawn, not ignored').toBe(false);
  });

  it('renders one bar and no bar without throwing', async () => {
    const one = await renderCandles('one', makeBars(1));
    const none = await renderCandles('none', []);
    expect([...one.subarray(0, 8)], 'one bar is a PNG').toEqual(PNG_SIGNATURE);
    expect([...none.subarray(0, 8)], 'an empty chart is still a PNG').toEqual(PNG_SIGNATURE);
  });

  it('renders the same bars the same way (no state left behind between charts)', async () => {
    const bars = makeBars(60);
    const first = await renderCandles('same', bars);
    await renderCandles('other', makeBars(30));
    expect((await renderCandles('same', bars)).equals(first), 'deterministic').toBe(true);
  });
});
