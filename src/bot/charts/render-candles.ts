// Declares the `candlestick` chart type for chart.js's types; the code loads with the stack.
import type {} from 'chartjs-chart-financial';
import type { ChartConfiguration, Scale } from 'chart.js';
import type { Bar } from '../../engine/market/bars.js';
import { axisTitle, CHART_FONT, CHART_HEIGHT, CHART_WIDTH, COLORS, compactTick, valueTick } from './chart-style.js';
import { loadChartStack } from './load-chart-stack.js';
import { formatTickTime, isOnStep, STEPS, TARGET_TICKS, timeAxisTitle } from './time-axis.js';
import { whiteBackground } from './white-background.js';

/** One of our fills, drawn as a marker on the bar it happened in. */
export interface ChartFill {
  readonly at: number;
  readonly price: number;
  readonly side: 'buy' | 'sell';
}

export interface CandleChart {
  /** `BTC/USDT · 1h · sim`. */
  readonly title: string;
  readonly bars: readonly Bar[];
  readonly timeframeMs: number;
  /** The zone the time axis is on (DISPLAY_TIMEZONE); its name is on the axis. */
  readonly timeZone: string;
  /** The price axis says what the prices are in. */
  readonly quoteCurrency: string;
  readonly fills?: readonly ChartFill[];
}

interface TimeTicks {
  readonly indexes: readonly number[];
  readonly step: number;
}

/**
 * Ticks on round times of the zone's clock (every 12 hours, each midnight …), about
 * TARGET_TICKS of them. Bars are placed by index so nights and weekends without stock bars
 * leave no gaps; where round times are too rare in such a series, every k-th bar is used.
 */
export function chooseTimeTicks(bars: readonly Bar[], timeframeMs: number, timeZone: string): TimeTicks {
  for (const step of STEPS.filter((s) => s >= timeframeMs)) {
    const indexes = bars.flatMap((b, i) => (isOnStep(b.t, step, timeZone) ? [i] : []));
    if (indexes.length <= TARGET_TICKS && indexes.length >= TARGET_TICKS / 2) return { indexes, step };
  }
  const every = Math.max(1, Math.ceil(bars.length / TARGET_TICKS));
  return { indexes: bars.flatMap((_, i) => (i % every === 0 ? [i] : [])), step: timeframeMs };
}

/** The bar a fill happened in; bars.length for one after the last closed bar (the one forming now). */
export function barIndexOf(bars: readonly Bar[], timeframeMs: number, at: number): number | undefined {
  const first = bars[0];
  const last = bars.at(-1);
  if (first === undefined || last === undefined || at < first.t) return undefined;
  if (at >= last.t + timeframeMs) return bars.length;
  let index = 0;
  for (let i = 0; i < bars.length && (bars[i]?.t ?? Infinity) <= at; i++) index = i;
  return index;
}

function fillDatasets(input: CandleChart) {
  const placed = (input.fills ?? []).flatMap((f) => {
    const x = barIndexOf(input.bars, input.timeframeMs, f.at);
    return x === undefined ? [] : [{ ...f, x }];
  });
  const marker = (side: 'buy' | 'sell') => ({
    type: 'scatter' as const,
    label: side === 'buy' ? 'Our buys' : 'Our sells',
    data: placed.filter((f) => f.side === side).map((f) => ({ x: f.x, y: f.price })),
    yAxisID: 'y',
    pointStyle: 'triangle' as const,
    rotation: side === 'buy' ? 0 : 180,
    pointRadius: 10,
    backgroundColor: side === 'buy' ? COLORS.buy : COLORS.sell,
    borderColor: '#222222',
    borderWidth: 1,
    // A marker on the last bar may stand out over the edge rather than be cut in half.
    clip: false as const,
  });
  return { datasets: [marker('buy'), marker('sell')], beyond: placed.some((f) => f.x === input.bars.length), count: placed.length };
}

function candleConfig(input: CandleChart): ChartConfiguration {
  const { bars, timeZone } = input;
  const ticks = chooseTimeTicks(bars, input.timeframeMs, timeZone);
  const fills = fillDatasets(input);
  const candles = bars.map((b, i) => ({ x: i, o: b.o, h: b.h, l: b.l, c: b.c }));
  const volumes = bars.map((b, i) => ({ x: i, y: b.v }));
  return {
    type: 'candlestick',
    data: {
      datasets: [
        { type: 'candlestick', label: 'Price', data: candles, yAxisID: 'y', borderColors: { up: COLORS.up, down: COLORS.down, unchanged: COLORS.zero }, backgroundColors: { up: COLORS.up, down: COLORS.down, unchanged: COLORS.zero } },
        { type: 'bar', label: 'Volume', data: volumes, yAxisID: 'volume', grouped: false, barPercentage: 0.7, categoryPercentage: 1, backgroundColor: bars.map((b) => (b.c >= b.o ? COLORS.upVolume : COLORS.downVolume)) },
        ...fills.datasets,
      ],
    } as ChartConfiguration['data'],
    options: {
      animation: false,
      responsive: false,
      layout: { padding: { left: 12, right: 8, top: 4, bottom: 8 } },
      plugins: {
        title: { display: true, text: input.title, color: COLORS.text, font: { size: 18, weight: 'bold', family: CHART_FONT } },
        // Only our fills need a key; candles and volume explain themselves.
        legend: { display: fills.count > 0, position: 'top', labels: { usePointStyle: true, filter: (item, data) => item.text.startsWith('Our') && (data.datasets[item.datasetIndex ?? 0]?.data.length ?? 0) > 0 } },
        tooltip: { enabled: false },
      },
      scales: {
        x: {
          type: 'linear',
          offset: false,
          min: -0.5,
          max: bars.length - 0.5 + (fills.beyond ? 1 : 0),
          grid: { color: COLORS.grid },
          afterBuildTicks: (scale: Scale) => {
            scale.ticks = ticks.indexes.map((value) => ({ value }));
          },
          ticks: { autoSkip: false, maxRotation: 0, color: COLORS.text, callback: (value) => tickLabel(bars, Number(value), ticks.step, timeZone) },
          title: axisTitle(timeAxisTitle(bars.at(-1)?.t ?? Date.now(), timeZone)),
        },
        y: { type: 'linear', position: 'right', stack: 'price', stackWeight: 4, grid: { color: COLORS.grid }, ticks: { color: COLORS.text, callback: valueTick }, title: axisTitle(`Price (${input.quoteCurrency})`) },
        volume: { type: 'linear', position: 'right', stack: 'price', stackWeight: 1, offset: true, beginAtZero: true, grid: { color: COLORS.grid }, ticks: { maxTicksLimit: 3, color: COLORS.text, callback: compactTick }, title: axisTitle('Volume') },
      },
    },
    plugins: [whiteBackground],
  };
}

const tickLabel = (bars: readonly Bar[], index: number, step: number, timeZone: string): string => {
  const bar = bars[index];
  return bar === undefined ? '' : formatTickTime(bar.t, step, timeZone);
};

/**
 * A candlestick PNG a trader can screenshot: candles across the full width, volume bars
 * under them, dated ticks on the zone's clock, the quote currency and the zone on the
 * axes, and our own fills marked on the bars they happened in.
 */
export async function renderCandles(input: CandleChart, width = CHART_WIDTH, height = CHART_HEIGHT): Promise<Buffer> {
  const { Chart, createCanvas } = await loadChartStack();
  const canvas = createCanvas(width, height);
  const chart = new Chart(canvas as unknown as ConstructorParameters<typeof Chart>[0], candleConfig(input));
  try {
    return Buffer.from(await canvas.encode('png'));
  } finally {
    chart.destroy();
  }
}
