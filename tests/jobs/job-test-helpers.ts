import { pino } from 'pino';
import type { AlertInput, AlertSink } from '../../src/engine/ports/alert-sink.js';
import { createHeartbeat } from '../../src/jobs/create-heartbeat.js';
import { createJobTracker } from '../../src/jobs/create-job-tracker.js';
import type { JobDeps, JobEngine } from '../../src/jobs/job-deps.js';
import { healthReport } from '../engine/health/health-fixtures.js';

/** An AlertSink that remembers what was raised. */
export function createRecordingAlerts(): AlertSink & { raised: AlertInput[] } {
  const raised: AlertInput[] = [];
  return {
    raised,
    raise: async (alert) => {
      raised.push(alert);
    },
  };
}

/** A logger that keeps its lines, so a test can look for what was logged. */
export function createTestLogger() {
  const lines: Record<string, unknown>[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>) });
  return { logger, lines };
}

/** A promise and its resolve, to hold a job in progress. */
export function createGate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

/** An engine for jobs that does nothing and reports nothing done. */
export function createJobEngineFake(overrides: Partial<{ scan: JobEngine['market']['scan']; topUp: JobEngine['market']['topUpWatchlists'] }> = {}): JobEngine {
  return {
    expireDue: async () => [],
    reconcile: async () => ({ checked: 3, changed: 1, resumed: 0, lapsed: 0 }),
    thresholds: { revertExpired: async () => [] },
    analytics: { newExcursions: async () => [] },
    market: {
      scan: overrides.scan ?? (async () => []),
      topUpWatchlists: overrides.topUp ?? (async () => []),
    },
  };
}

/**
 * Everything a job may use, as production wires it but on fakes: a healthy report, no
 * heartbeat URL, recorded alerts; a test passes what it looks at.
 */
export function createJobDeps(overrides: Partial<JobDeps> = {}): JobDeps {
  const clock = overrides.clock ?? (() => new Date());
  return {
    engine: createJobEngineFake(),
    clock,
    alerts: createRecordingAlerts(),
    tracker: createJobTracker({ clock }),
    health: async () => healthReport(),
    heartbeat: createHeartbeat({ url: undefined, clock }),
    outcomes: { update: async () => 'outcomes updated' },
    reports: { daily: async () => 'daily report sent', weekly: async () => 'weekly report sent' },
    ...overrides,
  };
}
