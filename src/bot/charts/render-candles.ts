// Declares the `candlestick` chart type for chart.js's types; the code loads with the stack.
import type {} from 'chartjs-chart-financial';
import type { Bar } from '../../engine/market/bars.js';
import { loadChartStack } from './load-chart-stack.js';
import { whiteBackground } from './white-background.js';

/**
 * A candlestick PNG of the bars. The x axis is the bar index with time labels, so
 * weekends and nights without stock bars leave no empty stretches.
 */
export async function renderCandles(title: string, bars: readonly Bar[], width = 1000, height = 500): Promise<Buffer> {
  const { Chart, createCanvas } = await loadChartStack();
  const canvas = createCanvas(width, height);
  const labels = bars.map((b) => new Date(b.t).toISOString().slice(0, 16).replace('T', ' '));
  const chart = new Chart(canvas as unknown as ConstructorParameters<typeof Chart>[0], {
    type: 'candlestick',
    data: { datasets: [{ label: title, data: bars.map((b, i) => ({ x: i, o: b.o, h: b.h, l: b.l, c: b.c })) }] },
    options: {
      animation: false,
      responsive: false,
      plugins: { legend: { display: true } },
      scales: { x: { type: 'linear', min: -1, max: bars.length, ticks: { maxTicksLimit: 8, callback: (value) => labels[Number(value)] ?? '' } } },
    },
    plugins: [whiteBackground],
  });
  try {
    return Buffer.from(await canvas.encode('png'));
  } finally {
    chart.destroy();
  }
}
