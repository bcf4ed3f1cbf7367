import type { ChartConfiguration, Scale } from 'chart.js';
import type { DailyRates } from '../../engine/stats/calculate-daily-rates.js';
import { axisTitle, CHART_HEIGHT, CHART_WIDTH, COLORS } from './chart-style.js';
import { loadChartStack } from './load-chart-stack.js';
import { formatTickTime } from './time-axis.js';
import { whiteBackground } from './white-background.js';

export interface ApprovalRatesChart {
  /** `Pass and approval rates · paper · last 30 days (UTC)`. */
  readonly title: string;
  readonly days: readonly DailyRates[];
  /** The account's target band, 0–1. */
  readonly band: { readonly low: number; readonly high: number };
}

const DAY_MS = 86_400_000;
const BAND_FILL = 'rgba(38, 166, 154, 0.14)';
const BAND_EDGE = 'rgba(38, 166, 154, 0.6)';

/** Points at midday of each UTC day, in percent; a day without samples leaves a gap in its line. */
const series = (days: readonly DailyRates[], pick: (d: DailyRates) => number | undefined) => days.map((d) => ({ x: d.day + DAY_MS / 2, y: pick(d) === undefined ? null : (pick(d) as number) * 100 }));

function ratesConfig(input: ApprovalRatesChart): ChartConfiguration<'line', { x: number; y: number | null }[]> {
  const from = input.days[0]?.day ?? 0;
  const to = (input.days.at(-1)?.day ?? from) + DAY_MS;
  const edge = (value: number) => [
    { x: from, y: value * 100 },
    { x: to, y: value * 100 },
  ];
  const ticks = input.days.filter((_, i) => i % 5 === 0).map((d) => d.day);
  return {
    type: 'line',
    data: {
      datasets: [
        { label: `Target band ${Math.round(input.band.low * 100)}–${Math.round(input.band.high * 100)}%`, data: edge(input.band.high), borderColor: BAND_EDGE, borderWidth: 1, borderDash: [4, 4], pointRadius: 0, fill: false },
        { label: 'band low edge', data: edge(input.band.low), borderColor: BAND_EDGE, borderWidth: 1, borderDash: [4, 4], pointRadius: 0, backgroundColor: BAND_FILL, fill: '-1' },
        { label: 'Gate pass rate (proposed of evaluated)', data: series(input.days, (d) => d.passRate), borderColor: COLORS.line, backgroundColor: COLORS.line, borderWidth: 2.5, pointRadius: 3, spanGaps: false },
        { label: 'Approval rate (approved of decided)', data: series(input.days, (d) => d.approvalRate), borderColor: COLORS.open, backgroundColor: COLORS.open, borderWidth: 2.5, pointRadius: 3, spanGaps: false },
      ],
    },
    options: {
      animation: false,
      responsive: false,
      layout: { padding: { left: 8, right: 24, top: 4, bottom: 8 } },
      plugins: {
        legend: { display: true, labels: { usePointStyle: true, pointStyle: 'line', filter: (item) => item.datasetIndex !== 1 } },
        title: { display: true, text: input.title, color: COLORS.text, font: { size: 18, weight: 'bold' } },
      },
      scales: {
        x: {
          type: 'linear',
          min: from,
          max: to,
          afterBuildTicks: (scale: Scale) => {
            scale.ticks = ticks.map((value) => ({ value }));
          },
          ticks: { autoSkip: false, maxRotation: 0, callback: (value) => formatTickTime(Number(value), DAY_MS, 'UTC') },
          grid: { color: COLORS.grid },
          title: axisTitle('Day the decision was made (UTC)'),
        },
        y: { position: 'right', min: 0, max: 100, ticks: { stepSize: 10, callback: (value) => `${value}%` }, grid: { color: COLORS.grid }, title: axisTitle('Share of the day’s decisions (%)') },
      },
    },
    plugins: [whiteBackground],
  };
}

/** The pass rate and the approval rate per day, with the account's target band shaded. */
export async function renderApprovalRates(input: ApprovalRatesChart, width = CHART_WIDTH, height = CHART_HEIGHT): Promise<Buffer> {
  const { Chart, createCanvas } = await loadChartStack();
  const canvas = createCanvas(width, height);
  const chart = new Chart(canvas as unknown as ConstructorParameters<typeof Chart>[0], ratesConfig(input) as unknown as ChartConfiguration);
  try {
    return Buffer.from(await canvas.encode('png'));
  } finally {
    chart.destroy();
  }
}
