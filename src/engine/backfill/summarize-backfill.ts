import type { BackfillReport } from './run-backfill.js';

/**
 * One line a person can read at a glance, counted in series (symbol × timeframe), the
 * unit the progress counts too: "264/270 series ok, 6 failed: no data at venue". The
 * bars are those the job stored over all its runs. `headed`: the line follows a heading
 * that already says the job was canceled.
 */
export function summarizeBackfill(report: BackfillReport, options: { headed?: boolean } = {}): string {
  const total = report.request.symbols.length * report.request.timeframes.length;
  const ok = report.series.filter((s) => s.status === 'ok').length;
  const failed = report.series.filter((s) => s.status === 'no_data' || s.status === 'failed');
  const reasons = new Map<string, number>();
  for (const s of failed) reasons.set(s.reason ?? s.status, (reasons.get(s.reason ?? s.status) ?? 0) + 1);
  const why = [...reasons].map(([reason, n]) => (reasons.size === 1 ? reason : `${n} ${reason}`)).join('; ');
  // What a cancel left is "not done", once: the closing "canceled" says why.
  const undone = total - ok - failed.length;
  const parts = [`${ok}/${total} series ok`, ...(failed.length > 0 ? [`${failed.length} failed: ${why}`] : []), ...(undone > 0 ? [`${undone} not done`] : [])];
  return `${parts.join(', ')} · ${formatBars(report.barsStored)} stored${report.canceled && options.headed !== true ? ' · canceled' : ''}`;
}

/** "1 bar", "58,056 bars". */
export function formatBars(count: number): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? 'bar' : 'bars'}`;
}
