import type { BackfillEstimate } from '../../engine/backfill/estimate-backfill.js';
import type { BackfillProgress, BackfillReport, BackfillRequest, SeriesResult } from '../../engine/backfill/run-backfill.js';
import { formatBars, summarizeBackfill } from '../../engine/backfill/summarize-backfill.js';
import type { BackfillJobRecord } from '../../engine/ports/backfill-jobs.js';
import { formatBytes, formatDuration } from './format-duration.js';
import { html, joinHtml, type SafeHtml } from './html.js';

const BAR_WIDTH = 20;

export function progressBar(share: number): string {
  const filled = Math.max(0, Math.min(BAR_WIDTH, Math.round(share * BAR_WIDTH)));
  return `${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)} ${Math.floor(share * 100)}%`;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/** "2 symbols × 3 timeframes = 6 series": the unit progress and report count in. */
export function describeSeries(request: BackfillRequest): string {
  const series = request.symbols.length * request.timeframes.length;
  return `${plural(request.symbols.length, 'symbol')} × ${plural(request.timeframes.length, 'timeframe')} = ${plural(series, 'series', 'series')}`;
}

/** "about 42,048,000 bars · 1.9 GB on disk · about 23m": an estimate, so the time in whole minutes. */
export function describeEstimate(estimate: BackfillEstimate): string {
  const minutes = Math.round(estimate.seconds / 60);
  const hours = Math.floor(minutes / 60);
  const rounded = hours === 0 ? `${minutes}m` : `${hours}h${minutes % 60 === 0 ? '' : ` ${minutes % 60}m`}`;
  const time = estimate.seconds < 60 ? 'under a minute' : `about ${rounded}`;
  return `about ${formatBars(estimate.bars)} · ${formatBytes(estimate.bytes)} on disk · ${time}`;
}

function describe(job: BackfillJobRecord): SafeHtml {
  const r = job.request;
  const symbols = r.symbols.length <= 4 ? r.symbols.join(', ') : plural(r.symbols.length, 'symbol');
  const resumed = job.resumes === undefined ? '' : ` · resumed after ${plural(job.resumes, 'restart')}`;
  return html`<b>Backfill</b> <code>${job.id}</code> · ${r.venue} · ${symbols} · ${r.timeframes.join(', ')} · ${plural(r.days, 'day')}${resumed}`;
}

/** Posted when a backfill starts at once; the progress edits replace it. */
export function backfillStartedMessage(job: BackfillJobRecord, estimate: BackfillEstimate): SafeHtml {
  return html`Backfill ${job.id} started on ${job.request.venue}: ${describeSeries(job.request)}, ${plural(job.request.days, 'day')} back, ${describeEstimate(estimate)}.`;
}

/** Asked before a big backfill (or at the end of the step-by-step one): Confirm starts it. */
export function backfillConfirmMessage(job: BackfillJobRecord, estimate: BackfillEstimate, withinMs: number): SafeHtml {
  const big = estimate.needsConfirmation ? html`That is a lot. ` : html``;
  return joinHtml([
    describe(job),
    html`${describeSeries(job.request)}: ${describeEstimate(estimate)}.`,
    html`${big}Start it? The question stands for ${plural(Math.round(withinMs / 60_000), 'minute')}.`,
  ]);
}

/** What replaces the question when it will not start: canceled, or not confirmed in time. */
export function backfillNotStartedMessage(job: BackfillJobRecord, why: 'canceled' | 'expired'): SafeHtml {
  const reason = why === 'canceled' ? 'canceled, nothing was fetched' : 'not confirmed in time';
  return joinHtml([describe(job), html`Not started: ${reason}. Send /backfill again to start over.`]);
}

export function backfillProgressMessage(job: BackfillJobRecord, p: BackfillProgress): SafeHtml {
  return joinHtml([
    describe(job),
    html`<code>${progressBar(p.share)}</code>`,
    html`Series ${p.seriesDone}/${p.seriesTotal} done · ${formatBars(p.barsStored)} stored`,
    html`Now: ${p.current ?? 'starting'}`,
    html`Elapsed ${formatDuration(p.elapsedMs / 1000)} · ETA ${formatEta(p.etaMs)}`,
  ]);
}

/** "after the first page" until there is a pace; "under 1s" rather than a misleading "0s". */
export function formatEta(etaMs: number | undefined): string {
  if (etaMs === undefined) return 'after the first page';
  return etaMs > 0 && etaMs < 1_000 ? 'under 1s' : formatDuration(etaMs / 1000);
}

function seriesLine(s: SeriesResult): SafeHtml {
  if (s.status !== 'ok') return html`• ${s.symbol} ${s.timeframe}: ${s.status.replace('_', ' ')}${s.reason === undefined ? '' : ` — ${s.reason}`}`;
  return html`• ${s.symbol} ${s.timeframe}: ${formatBars(s.stored)} stored, ${plural(s.gaps, 'gap')} (${formatBars(s.missingBars)} missing: the venue has none there)`;
}

/** The final report: the one-line summary, then the series that need attention. */
export function backfillReportMessage(job: BackfillJobRecord, report: BackfillReport): SafeHtml {
  const attention = report.series.filter((s) => s.status !== 'ok' || s.gaps > 0);
  const more = attention.length > 15 ? [html`… and ${plural(attention.length - 15, 'more series', 'more series')}`] : [];
  return joinHtml([
    describe(job),
    html`${report.canceled ? '⏹ Canceled' : '✅ Done'} in ${formatDuration(report.durationMs / 1000)}: ${summarizeBackfill(report)}`,
    ...attention.slice(0, 15).map(seriesLine),
    ...more,
    ...(report.canceled ? [html`Run the same /backfill again to resume where it stopped.`] : []),
  ]);
}
