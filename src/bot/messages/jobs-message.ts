import type { TradingMode } from '../../config.js';
import type { JobRun } from '../../jobs/create-job-tracker.js';
import type { JobListing } from '../../jobs/start-jobs.js';
import { badge } from './badge.js';
import { formatDuration } from './format-duration.js';
import { html, joinHtml, type SafeHtml } from './html.js';

const NEW_YORK = 'America/New_York';
const MAX_DETAILS_CHARS = 70;
const formats = new Map<string, Intl.DateTimeFormat>();

/** `Fri, Nov 20, 07:15 EST`: a time on a given zone's clock, with the zone (EST/EDT shows DST). */
export function formatTimeIn(date: Date, timeZone: string): string {
  let format = formats.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'short' });
    formats.set(timeZone, format);
  }
  return format.format(date);
}

/** The user's time and, unless that already is New York's, the exchange's. */
export function formatTimeWithEt(date: Date, displayTimezone: string): string {
  const own = formatTimeIn(date, displayTimezone);
  return displayTimezone === NEW_YORK ? own : `${own} · ${formatTimeIn(date, NEW_YORK)}`;
}

/** `850 ms`, `1.2 s`, `3m 5s`. */
export function formatElapsed(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return formatDuration(ms / 1000);
}

export function describeRun(run: Pick<JobRun, 'outcome' | 'durationMs' | 'details' | 'error'>): string {
  switch (run.outcome) {
    case 'ok':
      return `ok in ${formatElapsed(run.durationMs)}`;
    case 'failed':
      return `failed after ${formatElapsed(run.durationMs)}`;
    case 'skipped_overlap':
      return 'skipped (previous run still going)';
  }
}

const short = (text: string) => (text.length <= MAX_DETAILS_CHARS ? text : `${text.slice(0, MAX_DETAILS_CHARS - 1)}…`);

function jobLines(job: JobListing, tz: string): SafeHtml[] {
  const head = html`<b>${job.name}</b> <code>${job.rule}</code> ${job.tz}`;
  if (!job.enabled) return [html`${head} — disabled`, html`  ${job.description}`];
  const lines = [head];
  lines.push(job.nextRunAt === undefined ? html`  next: none scheduled` : html`  next: ${formatTimeWithEt(job.nextRunAt, tz)}`);
  if (job.running !== undefined) lines.push(html`  running since ${formatTimeIn(job.running.startedAt, tz)}`);
  const last = job.lastRun;
  if (last === undefined) lines.push(html`  last: not run since start`);
  else {
    const detail = last.outcome === 'failed' ? job.lastError?.error.message : last.details;
    lines.push(html`  last: ${describeRun(last)}, ${formatTimeIn(last.startedAt, tz)}${detail === undefined ? '' : ` — ${short(detail)}`}`);
  }
  if (job.consecutiveFailures > 1) lines.push(html`  ⚠️ failed ${job.consecutiveFailures}× in a row`);
  if (job.stale !== undefined) {
    const since = job.lastSuccessAt === undefined ? 'none since start' : formatTimeIn(job.lastSuccessAt, tz);
    lines.push(html`  ⚠️ stale (${job.stale}): last success ${since}`);
  }
  return lines;
}

/** /jobs: each job's schedule, next run in the user's zone and in New York, and its last run. */
export function jobsMessage(input: { jobs: readonly JobListing[]; displayTimezone: string; tradingMode: TradingMode }): SafeHtml {
  const zones = input.displayTimezone === NEW_YORK ? 'New York time' : `${input.displayTimezone} · New York`;
  return joinHtml([html`${badge(input.tradingMode)} · <b>Jobs</b> (${zones})`, ...input.jobs.flatMap((job) => jobLines(job, input.displayTimezone))]);
}

/** The answer /run sends when the run ends. */
export function runResultMessage(run: JobRun, displayTimezone: string): SafeHtml {
  const head = html`<b>${run.job}</b>: ${describeRun(run)} (started ${formatTimeIn(run.startedAt, displayTimezone)})`;
  if (run.outcome === 'failed') return joinHtml([head, html`${run.error?.name ?? 'Error'}: ${run.error?.message ?? ''}`]);
  return run.details === undefined ? head : joinHtml([head, html`${run.details}`]);
}
