import type { HealthReport } from './collect-health.js';
import type { CriticalCondition } from './critical-conditions.js';
import { formatUtcTime } from '../text/format-utc-time.js';

/**
 * The health report as plain text for the daily INFO alert (the bot escapes it): counts
 * and measured values with their times, one line per area, the heartbeat line included.
 */
export function summarizeHealth(report: HealthReport, critical: readonly CriticalCondition[]): string {
  return [
    `Measured at ${formatUtcTime(report.generatedAt)}`,
    summarizeJobs(report),
    summarizeBreakers(report),
    summarizeFreshness(report),
    report.outboxDepth === undefined
      ? 'Alerts waiting to be sent: not measured'
      : report.outboxDepth.ok
        ? `Alerts waiting to be sent: ${report.outboxDepth.value}`
        : `Alerts waiting to be sent: unreadable (${report.outboxDepth.error.message})`,
    `Memory: RSS ${mb(report.memory.rssBytes)}, heap ${mb(report.memory.heapUsedBytes)} of ${mb(report.memory.heapTotalBytes)}`,
    summarizeEventLoop(report),
    summarizeHeartbeat(report),
    critical.length === 0 ? 'Critical conditions: none' : `Critical conditions: ${critical.map((c) => c.message).join('; ')}`,
  ].join('\n');
}

function summarizeJobs(report: HealthReport): string {
  const enabled = report.jobs.filter((j) => j.enabled);
  const failing = enabled.filter((j) => j.consecutiveFailures > 0).map((j) => `${j.name} (${j.consecutiveFailures}× in a row)`);
  const stale = enabled.filter((j) => j.stale !== undefined).map((j) => `${j.name} (${j.stale})`);
  return `Jobs: ${enabled.length} enabled; failing: ${failing.join(', ') || 'none'}; stale: ${stale.join(', ') || 'none'}`;
}

function summarizeBreakers(report: HealthReport): string {
  if (report.dependencies.length === 0) return 'Connections: none registered';
  const notClosed = report.dependencies.filter((d) => d.state !== 'closed').map((d) => `${d.name} ${d.state === 'open' ? 'failing (breaker open)' : 'trying again (breaker half-open)'}`);
  return notClosed.length === 0 ? `Connections: ${report.dependencies.length} watched, all OK` : `Connections: ${notClosed.join(', ')}`;
}

function summarizeFreshness(report: HealthReport): string {
  const freshness = report.freshness;
  if (freshness === undefined) return 'Data: not measured';
  if (!freshness.ok) return `Data: unreadable (${freshness.error.message})`;
  const series = freshness.value;
  const withBars = series.filter((s) => s.lastBarAt !== undefined);
  const oldest = withBars.reduce<(typeof series)[number] | undefined>((a, s) => (a === undefined || (s.lastBarAt ?? 0) < (a.lastBarAt ?? 0) ? s : a), undefined);
  const oldestText = oldest?.lastBarAt === undefined ? '' : `; oldest last bar ${oldest.venue} ${oldest.symbol} ${oldest.timeframe} at ${formatUtcTime(oldest.lastBarAt)}`;
  return `Data: ${series.length} series, ${series.length - withBars.length} without bars${oldestText}`;
}

function summarizeEventLoop(report: HealthReport): string {
  const e = report.eventLoop;
  if (e === undefined) return 'Event loop: not measured';
  if (e.samples === 0) return `Event loop: no samples since ${formatUtcTime(e.from)}`;
  return `Event loop delay: p50 ${e.p50Ms} ms, p99 ${e.p99Ms} ms, max ${e.maxMs} ms beyond the ${e.resolutionMs} ms sampling interval (${formatUtcTime(e.from)} to ${formatUtcTime(e.to)})`;
}

function summarizeHeartbeat(report: HealthReport): string {
  const h = report.heartbeat;
  if (!h.configured) return 'Heartbeat: not configured (set HEARTBEAT_URL)';
  const last = h.lastPingAt === undefined ? 'no ping yet' : `last ping ${formatUtcTime(h.lastPingAt)}${h.lastHttpStatus === undefined ? '' : ` (HTTP ${h.lastHttpStatus})`}`;
  const problem = h.lastProblem === undefined ? '' : `; last attempt ${h.lastAttemptAt === undefined ? '' : `${formatUtcTime(h.lastAttemptAt)} `}did not ping: ${h.lastProblem}`;
  return `Heartbeat: ${last}${problem}`;
}

function mb(bytes: number): string {
  return `${(bytes / 1_048_576).toFixed(1)} MB`;
}
