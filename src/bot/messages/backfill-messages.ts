import type { BackfillEstimate } from '../../engine/backfill/estimate-backfill.js';
import type { BackfillProgress, BackfillReport, BackfillRequest, SeriesResult } from '../../engine/backfill/run-backfill.js';
import { formatBars, summarizeBackfill } from '../../engine/backfill/summarize-backfill.js';
import type { BackfillJobRecord } from '../../engine/ports/backfill-jobs.js';
import { formatBytes, formatDuration, formatTaken } from './format-duration.js';
import { html, joinHtml, type SafeHtml } from './html.js';

const BAR_WIDTH = 20;

export function progressBar(share: number): string {
  const filled = Math.max(0, Math.min(BAR_WIDTH, Math.round(share * BAR_WIDTH)));
  return `${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)} ${Math.floor(share * 100)}%`;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/** An estimate to three significant figures: "about 42,000,000 bars", not a false "42,047,992". */
export function roundEstimate(n: number): number {
  if (n < 10_000) return n;
  const unit = 10 ** (Math.floor(Math.log10(n)) - 2);
  return Math.round(n / unit) * unit;
}

/** "2 symbols × 3 timeframes = 6 series": the unit progress and report count in. */
export function describeSeries(request: BackfillRequest): string {
  const series = request.symbols.length * request.timeframes.length;
  return `${plural(request.symbols.length, 'symbol')} × ${plural(request.timeframes.length, 'timeframe')} = ${plural(series, 'series', 'series')}`;
}

/** "about 42,048,000 bars · 1.9 GB on disk · about 23m": an estimate, so the time in whole minutes. */
export function describeEstimate(estimate: BackfillEstimate): string {
  if (estimate.bars === 0) return 'nothing missing, all stored already';
  const minutes = Math.round(estimate.seconds / 60);
  const hours = Math.floor(minutes / 60);
  const rounded = hours === 0 ? `${minutes}m` : `${hours}h${minutes % 60 === 0 ? '' : ` ${minutes % 60}m`}`;
  const time = estimate.seconds < 60 ? 'under a minute' : `about ${rounded}`;
  return `about ${formatBars(roundEstimate(estimate.bars))} · ${formatBytes(estimate.bytes)} on disk · ${time}`;
}

/** "2 symbols × 2 timeframes = 4 series, 3,650 days back: about …": the chat and the CLI say it alike. */
export function describePlan(request: BackfillRequest, estimate: BackfillEstimate): string {
  return `${describeSeries(request)}, ${plural(request.days, 'day')} back: ${describeEstimate(estimate)}`;
}

/** "A backfill is already running on sim: b… (2 symbols, 5m, 30 days)": which one holds the venue. */
export function backfillBusyMessage(running: BackfillJobRecord): string {
  const r = running.request;
  return `A backfill is already running on ${r.venue}: ${running.id} (${plural(r.symbols.length, 'symbol')}, ${r.timeframes.join(', ')}, ${plural(r.days, 'day')}). Cancel it or wait.`;
}

function describe(job: BackfillJobRecord): SafeHtml {
  const r = job.request;
  const symbols = r.symbols.length <= 4 ? r.symbols.join(', ') : plural(r.symbols.length, 'symbol');
  const resumed = job.resumes === undefined ? '' : ` · resumed after ${plural(job.resumes, 'restart')}`;
  return html`<b>Backfill</b> <code>${job.id}</code> · ${r.venue} · ${symbols} · ${r.timeframes.join(', ')} · ${plural(r.days, 'day')}${resumed}`;
}

/** Posted when a backfill starts at once; the progress edits replace it. */
export function backfillStartedMessage(job: BackfillJobRecord, estimate: BackfillEstimate): SafeHtml {
  return html`Backfill ${job.id} started on ${job.request.venue}: ${describePlan(job.request, estimate)}.`;
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

/**
 * What a series needs said: why it failed, or its gaps and the bad bars the venue sent.
 * Undefined when there is nothing to say, also for a series a cancel left undone (the
 * summary line says so once).
 */
export function describeSeriesResult(s: SeriesResult): string | undefined {
  const name = `${s.symbol} ${s.timeframe}`;
  const dropped = s.dropped > 0 ? [`${plural(s.dropped, 'bad bar')} from the venue dropped`] : [];
  switch (s.status) {
    case 'canceled':
      return undefined;
    case 'no_data':
      return `${name}: ${s.reason ?? 'no data at venue'}`;
    case 'failed':
      return [`${name}: failed${s.stored > 0 ? ` after ${formatBars(s.stored)} stored` : ''} (${s.reason ?? 'no reason given'})`, ...dropped].join(', ');
    case 'ok': {
      if (s.gaps === 0 && s.dropped === 0) return undefined;
      const gaps = s.gaps > 0 ? [`${plural(s.gaps, 'gap')} (${formatBars(s.missingBars)} missing: the venue has none there)`] : [];
      return [`${name}: ${formatBars(s.stored)} stored`, ...gaps, ...dropped].join(', ');
    }
  }
}

/** What to do next: a canceled job resumes, a failed series is tried again, fetching only what is missing. */
export function backfillNextStep(report: BackfillReport, command: string): string | undefined {
  if (report.canceled) return `Run the same ${command} again to resume where it stopped.`;
  if (report.series.some((s) => s.status === 'failed')) return `Run the same ${command} again to retry: only what is missing is fetched.`;
  return undefined;
}

/** The final report: the one-line summary, then the series that need attention. */
export function backfillReportMessage(job: BackfillJobRecord, report: BackfillReport): SafeHtml {
  const attention = report.series.map(describeSeriesResult).filter((line) => line !== undefined);
  const more = attention.length > 15 ? [html`… and ${plural(attention.length - 15, 'more series', 'more series')}`] : [];
  return joinHtml([
    describe(job),
    html`${report.canceled ? '⏹ Canceled' : '✅ Done'} in ${formatTaken(report.durationMs)}: ${summarizeBackfill(report, { headed: true })}`,
    ...attention.slice(0, 15).map((line) => html`• ${line}`),
    ...more,
    ...[backfillNextStep(report, '/backfill')].filter((line) => line !== undefined).map((line) => html`${line}`),
  ]);
}
