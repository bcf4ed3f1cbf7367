import type { HealthReport } from './collect-health.js';

/** A named rule that held: /healthz answers 503 while any does. */
export interface CriticalCondition {
  readonly rule: 'breaker_open' | 'outbox_backlog' | 'job_stale_high' | 'event_loop_stalled' | 'memory_high';
  readonly message: string;
  /** Whom a per-dependency or per-job rule is about, so each one holds and clears on its own. */
  readonly subject?: string;
}

export interface CriticalRules {
  /** Alerts waiting for Telegram above this many. Default 100. */
  readonly maxOutboxDepth: number;
  /** Event-loop p99 over the measured window above this. Default 2,000 ms. */
  readonly maxEventLoopP99Ms: number;
  /** Resident memory above this; undefined: no rule. Default none. */
  readonly maxRssBytes: number | undefined;
  /** Whose open breaker is critical. Default: every dependency except market data, research and Telegram. */
  readonly isCriticalDependency: (name: string) => boolean;
}

/**
 * Why not every breaker: a market-data venue being down stops scans, not the safety of
 * open orders; research is optional; and Telegram being down shows as a growing outbox
 * (its own rule), where a 503 that makes a platform restart the process would not help.
 * A broker's open breaker means orders cannot be placed, checked or cancelled.
 */
export const DEFAULT_CRITICAL_RULES: CriticalRules = {
  maxOutboxDepth: 100,
  maxEventLoopP99Ms: 2_000,
  maxRssBytes: undefined,
  isCriticalDependency: (name) => !/ data$/i.test(name) && !/telegram|claude|anthropic|research/i.test(name),
};

/** The rules that hold for this report, each with a message naming the measured value. */
export function criticalConditions(report: HealthReport, rules: Partial<CriticalRules> = {}): CriticalCondition[] {
  const r = { ...DEFAULT_CRITICAL_RULES, ...rules };
  const found: CriticalCondition[] = [];
  for (const dependency of report.dependencies) {
    if (dependency.state === 'open' && r.isCriticalDependency(dependency.name)) {
      found.push({ rule: 'breaker_open', message: `${dependency.name}: failing, calls paused (breaker open)`, subject: dependency.name });
    }
  }
  const outbox = report.outboxDepth;
  if (outbox?.ok === true && outbox.value > r.maxOutboxDepth) {
    found.push({ rule: 'outbox_backlog', message: `${outbox.value} alerts waiting to be sent (over ${r.maxOutboxDepth})` });
  }
  for (const job of report.jobs) {
    if (job.enabled && job.stale === 'HIGH') found.push({ rule: 'job_stale_high', message: `${job.name}: no successful run for too long`, subject: job.name });
  }
  const p99 = report.eventLoop?.p99Ms;
  if (p99 !== undefined && p99 > r.maxEventLoopP99Ms) {
    found.push({ rule: 'event_loop_stalled', message: `event-loop delay p99 ${p99} ms (over ${r.maxEventLoopP99Ms} ms)` });
  }
  if (r.maxRssBytes !== undefined && report.memory.rssBytes > r.maxRssBytes) {
    found.push({ rule: 'memory_high', message: `memory ${megabytes(report.memory.rssBytes)} in use (over ${megabytes(r.maxRssBytes)})` });
  }
  return found;
}

/** The same unit /health shows memory in. */
const megabytes = (bytes: number) => `${(bytes / 1_048_576).toLocaleString('en-US', { maximumFractionDigits: 1 })} MB`;
