import type { HealthReport } from './collect-health.js';
import { criticalConditions, type CriticalCondition, type CriticalRules } from './critical-conditions.js';

export interface HealthSnapshot {
  readonly report: HealthReport;
  readonly critical: readonly CriticalCondition[];
}

export interface HealthCache {
  /** Collects a fresh report, remembers it with its critical conditions, and returns it. */
  refresh(): Promise<HealthReport>;
  /** The last refresh; undefined before the first. */
  last(): HealthSnapshot | undefined;
}

/**
 * GET /healthz must answer at once and synchronously, but a report reads the bar store
 * and the outbox. Every refresh (/health, the heartbeat, the daily summary, and the
 * health_check job every minute) keeps the last report and its critical conditions here,
 * so the probe reads a result at most about a minute old.
 */
export function createHealthCache(collect: () => Promise<HealthReport>, rules: Partial<CriticalRules> = {}): HealthCache {
  let snapshot: HealthSnapshot | undefined;
  return {
    async refresh() {
      const report = await collect();
      snapshot = { report, critical: criticalConditions(report, rules) };
      return report;
    },
    last: () => snapshot,
  };
}
