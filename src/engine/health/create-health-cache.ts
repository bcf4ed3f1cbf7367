import type { HealthReport } from './collect-health.js';
import { criticalConditions, type CriticalCondition, type CriticalRules } from './critical-conditions.js';

export interface HealthSnapshot {
  readonly report: HealthReport;
  readonly critical: readonly CriticalCondition[];
}

/** Conditions that began to hold, and ones that held and no longer do, since the last refresh. */
export interface ConditionChange {
  readonly started: readonly CriticalCondition[];
  readonly cleared: readonly CriticalCondition[];
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
 *
 * `onChange` hears a condition when it starts and when it clears, not on every refresh
 * while it holds: what the chat should hear once per episode.
 */
export function createHealthCache(
  collect: () => Promise<HealthReport>,
  rules: Partial<CriticalRules> = {},
  onChange?: (change: ConditionChange) => Promise<void> | void,
): HealthCache {
  let snapshot: HealthSnapshot | undefined;
  return {
    async refresh() {
      const report = await collect();
      const critical = criticalConditions(report, rules);
      const change = diffConditions(snapshot?.critical ?? [], critical);
      snapshot = { report, critical };
      if (onChange !== undefined && change.started.length + change.cleared.length > 0) await onChange(change);
      return report;
    },
    last: () => snapshot,
  };
}

// Measured values change from one report to the next; a condition is the rule and its subject.
const keyOf = (c: CriticalCondition) => `${c.rule}:${c.subject ?? ''}`;

export function diffConditions(before: readonly CriticalCondition[], after: readonly CriticalCondition[]): ConditionChange {
  const had = new Set(before.map(keyOf));
  const has = new Set(after.map(keyOf));
  return { started: after.filter((c) => !had.has(keyOf(c))), cleared: before.filter((c) => !has.has(keyOf(c))) };
}
