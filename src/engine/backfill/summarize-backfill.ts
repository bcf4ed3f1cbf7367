import type { BackfillReport, SeriesResult } from './run-backfill.js';

/**
 * One line a person can read at a glance, per symbol: "84/90 ok, 6 failed: no data at
 * venue". A symbol is ok when every one of its timeframes is.
 */
export function summarizeBackfill(report: BackfillReport): string {
  const bySymbol = new Map<string, SeriesResult[]>();
  for (const s of report.series) bySymbol.set(s.symbol, [...(bySymbol.get(s.symbol) ?? []), s]);
  const total = report.request.symbols.length;
  const ok = [...bySymbol.values()].filter((series) => series.length === report.request.timeframes.length && series.every((s) => s.status === 'ok')).length;
  const reasons = new Map<string, number>();
  for (const series of bySymbol.values()) {
    const bad = series.find((s) => s.status !== 'ok');
    if (bad !== undefined) reasons.set(bad.reason ?? bad.status, (reasons.get(bad.reason ?? bad.status) ?? 0) + 1);
  }
  const failed = total - ok;
  const why = [...reasons].map(([reason, n]) => (reasons.size === 1 ? reason : `${n} ${reason}`)).join('; ');
  const head = `${ok}/${total} ok${failed > 0 ? `, ${failed} ${report.canceled ? 'not done' : 'failed'}: ${why}` : ''}`;
  return `${head} · ${report.barsStored.toLocaleString('en-US')} bars stored${report.canceled ? ' · canceled' : ''}`;
}
