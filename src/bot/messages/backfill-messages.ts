import type { BackfillProgress, BackfillReport } from '../../engine/backfill/run-backfill.js';
import { summarizeBackfill } from '../../engine/backfill/summarize-backfill.js';
import type { BackfillJobRecord } from '../../engine/ports/backfill-jobs.js';
import { formatDuration } from './format-duration.js';
import { html, joinHtml, type SafeHtml } from './html.js';

const BAR_WIDTH = 20;

export function progressBar(share: number): string {
  const filled = Math.max(0, Math.min(BAR_WIDTH, Math.round(share * BAR_WIDTH)));
  return `${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)} ${Math.floor(share * 100)}%`;
}

function describe(job: BackfillJobRecord): SafeHtml {
  const r = job.request;
  const symbols = r.symbols.length <= 4 ? r.symbols.join(', ') : `${r.symbols.length} symbols`;
  return html`<b>Backfill</b> <code>${job.id}</code> · ${r.venue} · ${symbols} · ${r.timeframes.join(', ')} · ${r.days} days`;
}

export function backfillProgressMessage(job: BackfillJobRecord, p: BackfillProgress): SafeHtml {
  const share = p.seriesTotal === 0 ? 1 : p.seriesDone / p.seriesTotal;
  return joinHtml([
    describe(job),
    html`<code>${progressBar(share)}</code>`,
    html`Series ${p.seriesDone}/${p.seriesTotal} · ${p.barsStored.toLocaleString('en-US')} bars stored`,
    html`Now: ${p.current ?? '—'}`,
    html`Elapsed ${formatDuration(p.elapsedMs / 1000)} · ETA ${p.etaMs === undefined ? '—' : formatDuration(p.etaMs / 1000)}`,
  ]);
}

/** The final report: the one-line summary, then the series that need attention. */
export function backfillReportMessage(job: BackfillJobRecord, report: BackfillReport): SafeHtml {
  const attention = report.series.filter((s) => s.status !== 'ok' || s.gaps > 0).slice(0, 15);
  const lines = attention.map((s) =>
    s.status === 'ok'
      ? html`• ${s.symbol} ${s.timeframe}: ${s.stored} stored, ${s.gaps} gaps (${s.missingBars} bars missing)`
      : html`• ${s.symbol} ${s.timeframe}: ${s.status}${s.reason === undefined ? '' : ` — ${s.reason}`}`,
  );
  return joinHtml([
    describe(job),
    html`${report.canceled ? '⏹ Canceled' : '✅ Done'} in ${formatDuration(report.durationMs / 1000)}: ${summarizeBackfill(report)}`,
    ...lines,
    ...(report.canceled ? [html`Run the same /backfill again to resume where it stopped.`] : []),
  ]);
}
