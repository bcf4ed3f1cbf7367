import type { Scale, Tick } from 'chart.js';
import { formatQuantity } from '../messages/format-number.js';

/** DejaVu ships with most Linux servers; the rest fall back to any sans-serif. */
export const CHART_FONT = "'DejaVu Sans', 'Helvetica Neue', Arial, sans-serif";

/** 16:9 at a size Telegram shows full width on a phone and sharp on a desktop. */
export const CHART_WIDTH = 1280;
export const CHART_HEIGHT = 720;

export const COLORS = {
  up: '#26a69a',
  down: '#ef5350',
  upVolume: 'rgba(38, 166, 154, 0.45)',
  downVolume: 'rgba(239, 83, 80, 0.45)',
  buy: '#1565c0',
  sell: '#ff8f00',
  grid: '#ececec',
  zero: '#777777',
  text: '#333333',
  line: '#1f77b4',
  open: '#ff7f0e',
} as const;

export const axisTitle = (text: string) => ({ display: true, text, color: COLORS.text, font: { size: 13, family: CHART_FONT } });

/**
 * A value tick with as many decimals as the spacing between ticks needs, grouped like
 * every number in the messages (66,000 · 66,500; 0.00012 · 0.00013).
 */
export function valueTick(this: Scale, value: number | string, index: number, ticks: Tick[]): string {
  const step = Math.abs((ticks[1]?.value ?? 0) - (ticks[0]?.value ?? 0));
  const decimals = step > 0 && step < 1 ? Math.min(12, Math.ceil(-Math.log10(step)) + 1) : 0;
  return formatQuantity(Number(value), decimals);
}

const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });

/** Volume ticks: `1.2K`, `3.4M`. */
export const compactTick = (value: number | string) => compact.format(Number(value));
