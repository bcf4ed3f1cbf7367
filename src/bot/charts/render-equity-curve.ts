import type { ChartConfiguration, Scale, ScriptableScaleContext } from 'chart.js';
import type { EquityPoint } from '../../engine/outcomes/calculate-pnl.js';
import { axisTitle, CHART_HEIGHT, CHART_WIDTH, COLORS, valueTick } from './chart-style.js';
import { loadChartStack } from './load-chart-stack.js';
import { chooseStep, formatTickTime, roundTimes, timeAxisTitle } from './time-axis.js';
import { whiteBackground } from './white-background.js';

export interface PnlChart {
  /** `P&L · last 7 days · all accounts`: the caption under it uses the same words. */
  readonly title: string;
  readonly points: readonly EquityPoint[];
  /** What the P&L is in (`USDT`); undefined when the amounts mix currencies. */
  readonly currency: string | undefined;
  readonly timeZone: string;
}

interface XY {
  readonly x: number;
  readonly y: number;
}

/**
 * The realized steps, and the stretch from the last trade to now valued with what is
 * still open. Numbers become floats here only to be drawn; the sums behind them are
 * decimals.
 */
function curveData(points: readonly EquityPoint[]): { realized: XY[]; marked: XY[] } {
  const xy = (p: EquityPoint): XY => ({ x: Date.parse(p.at), y: p.pnl.toNumber() });
  const realized = points.filter((p) => p.kind !== 'mark').map(xy);
  const end = points.find((p) => p.kind === 'mark');
  const last = realized.at(-1);
  if (end === undefined || last === undefined) return { realized, marked: [] };
  // Realized P&L holds from the last trade to now; the dashed stretch adds what is open.
  realized.push({ x: xy(end).x, y: last.y });
  const open = xy(end).y - last.y;
  return { realized, marked: Math.abs(open) < 0.005 ? [] : [{ x: xy(end).x, y: last.y }, xy(end)] };
}

function pnlConfig(input: PnlChart): ChartConfiguration<'line'> {
  const { realized, marked } = curveData(input.points);
  const from = realized[0]?.x ?? 0;
  const to = realized.at(-1)?.x ?? from;
  const step = chooseStep(to - from);
  const ticks = roundTimes(from, to, step, input.timeZone);
  const unit = input.currency === undefined ? 'P&L' : `P&L (${input.currency})`;
  return {
    type: 'line',
    data: {
      datasets: [
        { label: 'Realized P&L (closed trades, all fees)', data: realized, stepped: true, borderColor: COLORS.line, backgroundColor: COLORS.line, pointRadius: 3, borderWidth: 2.5, clip: false },
        { label: 'With open positions at the latest price (after entry fees)', data: marked, borderColor: COLORS.open, backgroundColor: COLORS.open, borderDash: [6, 4], pointRadius: 3, borderWidth: 2, clip: false },
      ],
    },
    options: {
      animation: false,
      responsive: false,
      layout: { padding: { left: 8, right: 24, top: 4, bottom: 8 } },
      plugins: {
        legend: { display: true, labels: { usePointStyle: true, pointStyle: 'line', filter: (item) => item.datasetIndex === 0 || marked.length > 0 } },
        title: { display: true, text: input.title, color: COLORS.text, font: { size: 18, weight: 'bold' } },
      },
      scales: {
        x: {
          type: 'linear',
          min: from,
          max: to === from ? from + 1 : to,
          afterBuildTicks: (scale: Scale) => {
            scale.ticks = ticks.map((value) => ({ value }));
          },
          ticks: { autoSkip: false, maxRotation: 0, callback: (value) => formatTickTime(Number(value), step, input.timeZone) },
          grid: { color: COLORS.grid },
          title: axisTitle(timeAxisTitle(to, input.timeZone)),
        },
        y: {
          position: 'right',
          // Room above and below, so a line at its highest or lowest value is not drawn on the frame.
          grace: '5%',
          ticks: { callback: valueTick },
          grid: { color: (c: ScriptableScaleContext) => (c.tick?.value === 0 ? COLORS.zero : COLORS.grid) },
          title: axisTitle(unit),
        },
      },
    },
    plugins: [whiteBackground],
  };
}

/**
 * A line chart of cumulative realized P&L (a step at each closed trade) and, dashed, the
 * last stretch to the value with open positions at the latest price. Drawn only when a
 * trade closed: with none there is no line to draw, and /pnl says so instead.
 */
export async function renderEquityCurve(input: PnlChart, width = CHART_WIDTH, height = CHART_HEIGHT): Promise<Buffer> {
  const { Chart, createCanvas } = await loadChartStack();
  const canvas = createCanvas(width, height);
  const chart = new Chart(canvas as unknown as ConstructorParameters<typeof Chart>[0], pnlConfig(input));
  try {
    return Buffer.from(await canvas.encode('png'));
  } finally {
    chart.destroy();
  }
}
