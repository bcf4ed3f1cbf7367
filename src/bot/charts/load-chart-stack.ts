import type { Canvas } from '@napi-rs/canvas';
import type { Chart as ChartClass } from 'chart.js';
import { CHART_FONT, COLORS } from './chart-style.js';

export interface ChartStack {
  readonly createCanvas: (width: number, height: number) => Canvas;
  readonly Chart: typeof ChartClass;
}

let loading: Promise<ChartStack> | undefined;

/**
 * The chart stack, loaded on the first chart rather than at start: @napi-rs/canvas maps a
 * 32 MB native library and chart.js parses half a megabyte, which a bot that is never
 * asked for a chart should not pay for in start-up time or resident memory.
 */
export function loadChartStack(): Promise<ChartStack> {
  loading ??= importChartStack().catch((error: unknown) => {
    // A failed load (say, the native package missing) is tried again on the next chart.
    loading = undefined;
    throw error;
  });
  return loading;
}

async function importChartStack(): Promise<ChartStack> {
  const [{ createCanvas }, { Chart, registerables }, financial] = await Promise.all([
    import('@napi-rs/canvas'),
    import('chart.js'),
    // The package's main entry is UMD; its ESM build registers cleanly with chart.js 4.
    import('chartjs-chart-financial/dist/chartjs-chart-financial.esm.js'),
  ]);
  Chart.register(...registerables, financial.CandlestickController, financial.CandlestickElement);
  // Every label in one sans-serif face: the canvas default is a serif.
  Chart.defaults.font.family = CHART_FONT;
  Chart.defaults.color = COLORS.text;
  return { createCanvas, Chart };
}
