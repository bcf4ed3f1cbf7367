import type { TradingMode } from '../../config.js';
import type { HealthReport, JobHealth, SeriesFreshness } from '../../engine/health/collect-health.js';
import type { CriticalCondition } from '../../engine/health/critical-conditions.js';
import { countOf } from '../../engine/text/count-of.js';
import { badge } from './badge.js';
import { formatBytes, formatDuration } from './format-duration.js';
import { html, joinHtml, type SafeHtml } from './html.js';
import { describeRun, formatTimeIn } from './jobs-message.js';

const MAX_MISSING_LISTED = 5;

/** What each breaker state means for the person reading, with the term for those who know it. */
const BREAKER_STATES: Readonly<Record<HealthReport['dependencies'][number]['state'], string>> = {
  closed: 'OK',
  open: 'failing, calls paused (breaker open)',
  half_open: 'trying again (breaker half-open)',
};

export interface HealthMessageInput {
  readonly report: HealthReport;
  readonly critical: readonly CriticalCondition[];
  readonly displayTimezone: string;
  readonly tradingMode: TradingMode;
}

/**
 * /health: measured values, each with the time it was measured or happened. No scores:
 * the only judgement shown is the list of named critical conditions /healthz acts on.
 */
export function healthMessage(input: HealthMessageInput): SafeHtml {
  const { report } = input;
  const at = (date: Date) => formatTimeIn(date, input.displayTimezone);
  return joinHtml([
    html`${badge(input.tradingMode)} · <b>Health</b> at ${at(report.generatedAt)}`,
    ...(report.startedAt === undefined ? [] : [html`Up since ${at(report.startedAt)}`]),
    input.critical.length === 0
      ? html`Critical conditions (/healthz): none`
      : joinHtml([html`🚨 Critical conditions (/healthz answers 503):`, ...input.critical.map((c) => html`  ${c.message}`)]),
    html`<b>Jobs</b>`,
    ...report.jobs.map((job) => jobLine(job, at)),
    html`<b>Connections</b>`,
    ...(report.dependencies.length === 0 ? [html`  none registered`] : report.dependencies.map((d) => {
      const failure = d.lastFailureAt === undefined ? '' : `; last failure ${at(d.lastFailureAt)}`;
      const error = d.lastError === undefined ? '' : `: ${d.lastError.name}: ${d.lastError.message}`;
      return html`  ${d.name}: ${BREAKER_STATES[d.state]}${failure}${error}`;
    })),
    html`<b>Data freshness</b> (last bar per watched series)`,
    ...freshnessLines(report, at),
    report.outboxDepth === undefined
      ? html`<b>Alerts waiting to be sent</b>: not measured`
      : report.outboxDepth.ok
        ? html`<b>Alerts waiting to be sent</b>: ${report.outboxDepth.value}`
        : html`<b>Alerts waiting to be sent</b>: unreadable (${report.outboxDepth.error.message})`,
    html`<b>Memory</b>: RSS ${formatBytes(report.memory.rssBytes)}, heap ${formatBytes(report.memory.heapUsedBytes)} of ${formatBytes(report.memory.heapTotalBytes)}`,
    eventLoopLine(report, at),
    heartbeatLine(report, at),
  ]);
}

function jobLine(job: JobHealth, at: (d: Date) => string): SafeHtml {
  if (!job.enabled) return html`  ${job.name}: disabled`;
  const parts: string[] = [];
  if (job.running !== undefined) parts.push(`running since ${at(job.running.startedAt)}`);
  parts.push(job.lastRun === undefined ? 'not run since start' : `${describeRun(job.lastRun)} ${at(job.lastRun.startedAt)}`);
  // A job not run yet has had no success either: saying both reads as two problems.
  if (job.lastRun !== undefined && job.lastRun.outcome !== 'ok') parts.push(job.lastSuccessAt === undefined ? 'no success since start' : `last success ${at(job.lastSuccessAt)}`);
  if (job.consecutiveFailures > 0) parts.push(`${job.consecutiveFailures} failure${job.consecutiveFailures === 1 ? '' : 's'} in a row`);
  if (job.lastError !== undefined && job.consecutiveFailures > 0) parts.push(`${job.lastError.error.name}: ${job.lastError.error.message}`);
  const stale = job.stale === undefined ? '' : ` ⚠️ stale (${job.stale})`;
  return html`  ${job.name}: ${parts.join('; ')}${stale}`;
}

function freshnessLines(report: HealthReport, at: (d: Date) => string): SafeHtml[] {
  const freshness = report.freshness;
  if (freshness === undefined) return [html`  not measured`];
  if (!freshness.ok) return [html`  unreadable: ${freshness.error.message}`];
  if (freshness.value.length === 0) return [html`  no watched series`];
  const groups = new Map<string, SeriesFreshness[]>();
  for (const s of freshness.value) groups.set(`${s.venue} ${s.timeframe}`, [...(groups.get(`${s.venue} ${s.timeframe}`) ?? []), s]);
  return [...groups].map(([key, series]) => {
    const withBars = series.filter((s) => s.lastBarAt !== undefined && s.sinceCloseMs !== undefined);
    const oldest = withBars.reduce<SeriesFreshness | undefined>((a, s) => (a === undefined || (s.lastBarAt ?? 0) < (a.lastBarAt ?? 0) ? s : a), undefined);
    const missing = series.filter((s) => s.lastBarAt === undefined).map((s) => s.symbol);
    const oldestText = oldest?.lastBarAt === undefined ? '' : `; oldest last bar ${oldest.symbol} ${at(oldest.lastBarAt)} (${closedAgo(oldest.sinceCloseMs ?? 0)})`;
    const listed = missing.slice(0, MAX_MISSING_LISTED).join(', ') + (missing.length > MAX_MISSING_LISTED ? ', …' : '');
    const missingText = missing.length === 0 ? '' : `; without bars: ${missing.length} (${listed})`;
    return html`  ${key}: ${series.length} series${oldestText}${missingText}`;
  });
}

function closedAgo(ms: number): string {
  // Two units are enough to read an age: `1h 5m`, `3d 2h`.
  return ms < 0 ? 'still open' : `closed ${formatDuration(ms / 1000).split(' ').slice(0, 2).join(' ')} ago`;
}

function eventLoopLine(report: HealthReport, at: (d: Date) => string): SafeHtml {
  const e = report.eventLoop;
  if (e === undefined) return html`<b>Event loop delay</b>: not measured`;
  // The span, not two timestamps that read the same when it is under a minute.
  const window = `over ${formatDuration((e.to.getTime() - e.from.getTime()) / 1000)} to ${at(e.to)}`;
  if (e.samples === 0) return html`<b>Event loop delay</b>: no samples (${window})`;
  return html`<b>Event loop delay</b>: p50 ${e.p50Ms} ms, p99 ${e.p99Ms} ms, max ${e.maxMs} ms beyond the ${e.resolutionMs} ms sampling interval (${countOf(e.samples, 'sample')} ${window})`;
}

function heartbeatLine(report: HealthReport, at: (d: Date) => string): SafeHtml {
  const h = report.heartbeat;
  if (!h.configured) return html`<b>Heartbeat</b>: not configured (HEARTBEAT_URL)`;
  const last = h.lastPingAt === undefined ? 'no ping yet' : `last ping ${at(h.lastPingAt)}${h.lastHttpStatus === undefined ? '' : ` (HTTP ${h.lastHttpStatus})`}`;
  const problem = h.lastProblem === undefined || h.lastAttemptAt === undefined ? '' : `; ${at(h.lastAttemptAt)} not pinged: ${h.lastProblem}`;
  return html`<b>Heartbeat</b>: ${last}${problem}`;
}
