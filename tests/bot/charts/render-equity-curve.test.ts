import { describe, expect, it } from 'vitest';
import { renderEquityCurve, type PnlChart } from '../../../src/bot/charts/render-equity-curve.js';
import { toDecimal } from '../../../src/engine/money/decimal.js';
import type { EquityPoint } from '../../../src/engine/outcomes/calculate-pnl.js';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const sizeOf = (png: Buffer) => ({ width: png.readUInt32BE(16), height: png.readUInt32BE(20) });

function curve(steps: readonly string[], open = 7.5): EquityPoint[] {
  const at = (i: number) => new Date(Date.UTC(2026, 10, 1) + i * 3_600_000).toISOString();
  let total = toDecimal(0);
  const points: EquityPoint[] = [{ at: at(0), pnl: total, kind: 'start' }];
  steps.forEach((s, i) => {
    total = total.plus(s);
    points.push({ at: at(i + 1), pnl: total, kind: 'trade' });
  });
  points.push({ at: at(steps.length + 2), pnl: total.plus(open), kind: 'mark' });
  return points;
}

const chart = (points: EquityPoint[]): PnlChart => ({ title: 'P&L · last 7 days · all accounts', points, currency: 'USDT', timeZone: 'UTC' });

describe('renderEquityCurve', () => {
  it('renders a full-width PNG', async () => {
    const png = await renderEquityCurve(chart(curve(['25.6', '-20.05', '12', '-3.5', '8'])));
    expect([...png.subarray(0, 8)], 'the PNG signature').toEqual(PNG_SIGNATURE);
    expect(sizeOf(png), '16:9 like the candles').toEqual({ width: 1280, height: 720 });
    expect(png.length, 'lines and axes, not a blank canvas').toBeGreaterThan(5_000);
  });

  it('draws the points: another curve is another picture; and it is deterministic', async () => {
    const a = await renderEquityCurve(chart(curve(['10', '-5'])), 400, 300);
    const b = await renderEquityCurve(chart(curve(['-10', '5', '30'])), 400, 300);
    expect(a.equals(b), 'the points are drawn').toBe(false);
    expect((await renderEquityCurve(chart(curve(['10', '-5'])), 400, 300)).equals(a), 'same input, same PNG').toBe(true);
  });

  it('leaves out the dashed stretch when nothing is open', async () => {
    const open = await renderEquityCurve(chart(curve(['10', '-5'], 7.5)), 400, 300);
    const flat = await renderEquityCurve(chart(curve(['10', '-5'], 0)), 400, 300);
    expect(open.equals(flat), 'the open positions add a stretch of their own').toBe(false);
  });

  it('renders an empty curve without throwing', async () => {
    const png = await renderEquityCurve(chart([]));
    expect([...png.subarray(0, 8)], 'still a PNG').toEqual(PNG_SIGNATURE);
  });
});
