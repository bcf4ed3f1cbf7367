import type { ScriptableScaleContext } from 'chart.js';
import type { EquityPoint } from '../../engine/outcomes/calculate-pnl.js';
import { loadChartStack } from './load-chart-stack.js';
import { whiteBackground } from './white-background.js';

const label = (ms: number) => new Date(ms).toISOString().slice(5, 16).replace('T', ' ');

/** The x axis spans the curve exactly (chart.js would pad it to round numbers of ms). */
function bounds(points: readonly { x: number }[]): { min?: number; max?: number } {
  const first = points[0]?.x;
  const last = points.at(-1)?.x;
  return first === undefined || last === undefined || first === last ? {} : { min: first, max: last };
}

/**
 * A line chart of cumulative realized P&L (a step at each closed trade), with a dashed
 * last stretch to the value at the marks (realized + unrealized). Numbers become floats
 * here only to be drawn; the sums behind them are decimals.
 */
export async function renderEquityCurve(title: string, points: readonly EquityPoint[], width = 1000, height = 500): Promise<Buffer> {
  const { Chart, createCanvas } = await loadChartStack();
  const canvas = createCanvas(width, height);
  const xy = (p: EquityPoint) => ({ x: new Date(p.at).getTime(), y: p.pnl.toNumber() });
  const realized = points.filter((p) => p.kind !== 'mark').map(xy);
  const end = points.find((p) => p.kind === 'mark');
  const last = realized.at(-1);
  // Realized P&L holds from the last trade to now; the dashed segment adds what is open.
  if (end !== undefined && last !== undefined) realized.push({ x: xy(end).x, y: last.y });
  const marked = end === undefined || last === undefined ? [] : [{ x: xy(end).x, y: last.y }, xy(end)];
  const chart = new Chart(canvas as unknown as ConstructorParameters<typeof Chart>[0], {
    type: 'line',
    data: {
      datasets: [
        { label: 'Realized P&L', data: realized, stepped: true, borderColor: '#1f77b4', backgroundColor: '#1f77b4', pointRadius: 2, borderWidth: 2, clip: false },
        { label: 'With unrealized', data: marked, borderColor: '#ff7f0e', backgroundColor: '#ff7f0e', borderDash: [6, 4], pointRadius: 3, borderWidth: 2, clip: false },
      ],
    },
    options: {
      animation: false,
      responsive: false,
      layout: { padding: { right: 16 } },
      plugins: { legend: { display: true }, title: { display: true, text: title } },
      scales: {
        x: { type: 'linear', ...bounds(realized), ticks: { maxTicksLimit: 8, callback: (value) => label(Number(value)) } },
        y: { grid: { color: (c: ScriptableScaleContext) => (c.tick?.value === 0 ? '#666666' : '#e5e5e5') } },
      },
    },
    plugins: [whiteBackground],
  });
  try {
    return Buffer.from(await canvas.encode('png'));
  } finally {
    chart.destroy();
  }
}
