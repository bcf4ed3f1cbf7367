import type { HealthReport, JobHealth } from '../../../src/engine/health/collect-health.js';

export const at = (iso: string) => new Date(iso);

export function jobHealth(overrides: Partial<JobHealth> & { name: string }): JobHealth {
  return {
    enabled: true,
    expectedIntervalMs: 60_000,
    nextRunAt: undefined,
    running: undefined,
    lastRun: { startedAt: at('2026-11-20T11:59:30Z'), endedAt: at('2026-11-20T11:59:31.2Z'), durationMs: 1_200, outcome: 'ok', details: 'checked 3' },
    lastSuccessAt: at('2026-11-20T11:59:31.2Z'),
    consecutiveFailures: 0,
    lastError: undefined,
    stale: undefined,
    ...overrides,
  };
}

/** A healthy report at 2026-11-20 12:00 UTC; pass what a test changes. */
export function healthReport(overrides: Partial<HealthReport> = {}): HealthReport {
  const now = at('2026-11-20T12:00:00Z');
  return {
    generatedAt: now,
    startedAt: at('2026-11-20T11:00:00Z'),
    jobs: [jobHealth({ name: 'check_orders' })],
    dependencies: [{ name: 'alpaca data', state: 'closed' }],
    freshness: {
      ok: true,
      at: now,
      value: [{ venue: 'sim', symbol: 'BTC/USDT', timeframe: '1h', lastBarAt: at('2026-11-20T10:00:00Z'), sinceCloseMs: 3_600_000 }],
    },
    outboxDepth: { ok: true, value: 0, at: now },
    memory: { at: now, rssBytes: 120 * 1_048_576, heapUsedBytes: 50 * 1_048_576, heapTotalBytes: 80 * 1_048_576 },
    eventLoop: { from: at('2026-11-20T11:55:00Z'), to: now, samples: 15_000, resolutionMs: 20, p50Ms: 10.2, p99Ms: 21.5, maxMs: 48 },
    heartbeat: { configured: true, lastAttemptAt: at('2026-11-20T11:55:00Z'), lastPingAt: at('2026-11-20T11:55:00Z'), lastHttpStatus: 200 },
    ...overrides,
  };
}
