import type { Scale, Tick } from 'chart.js';
import { formatPrice } from '../messages/format-number.js';

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
 * A value tick with exactly the decimals of the spacing between ticks, grouped like every
 * number in the messages (66,000 · 66,500; -1.0 · -1.2; 0.00012 · 0.00013).
 */
export function valueTick(this: Scale, value: number | string, index: number, ticks: Tick[]): string {
  const step = Math.abs((ticks[1]?.value ?? 0) - (ticks[0]?.value ?? 0));
  // The spacing is a float (0.19999999999999996): ten significant digits give its real decimals.
  return step > 0 ? formatPrice(Number(value), step.toPrecision(10)) : formatPrice(Number(value), '1');
}

// Built on the first chart, not at load: a compact-notation format reads ICU's compact
// number data, some 2 ms of every start otherwise.
let compact: Intl.NumberFormat | undefined;

/** Volume ticks: `1.2K`, `3.4M`. */
export const compactTick = (value: number | string) => (compact ??= new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 })).format(Number(value));
