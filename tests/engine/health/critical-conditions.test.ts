import { describe, expect, it } from 'vitest';
import { criticalConditions } from '../../../src/engine/health/critical-conditions.js';
import { summarizeHealth } from '../../../src/engine/health/summarize-health.js';
import { at, healthReport, jobHealth } from './health-fixtures.js';

describe('criticalConditions', () => {
  it('a healthy report has none', () => {
    expect(criticalConditions(healthReport())).toEqual([]);
  });

  it('a broker breaker open is critical; a market-data, research or Telegram breaker is not', () => {
    const report = healthReport({
      dependencies: [
        { name: 'alpaca', state: 'open' },
        { name: 'ccxt:binance', state: 'half_open' },
        { name: 'alpaca data', state: 'open' },
        { name: 'claude', state: 'open' },
        { name: 'telegram', state: 'open' },
      ],
    });
    expect(criticalConditions(report), 'only the broker, named so it holds and clears on its own').toEqual([{ rule: 'breaker_open', message: 'alpaca: failing, calls paused (breaker open)', subject: 'alpaca' }]);
  });

  it('an outbox over the limit, a job stale at HIGH and a stalled event loop are critical', () => {
    const now = at('2026-11-20T12:00:00Z');
    const report = healthReport({
      outboxDepth: { ok: true, value: 101, at: now },
      jobs: [jobHealth({ name: 'check_orders', stale: 'HIGH' }), jobHealth({ name: 'scan', stale: 'WARNING' }), jobHealth({ name: 'research', enabled: false, stale: 'HIGH' })],
      eventLoop: { from: now, to: now, samples: 5, resolutionMs: 20, p50Ms: 900, p99Ms: 2_500, maxMs: 3_000 },
    });
    expect(criticalConditions(report).map((c) => c.rule)).toEqual(['outbox_backlog', 'job_stale_high', 'event_loop_stalled']);
    expect(criticalConditions(report)[0]?.message).toBe('101 alerts waiting to be sent (over 100)');
    expect(criticalConditions(healthReport({ outboxDepth: { ok: true, value: 100, at: now } })), 'at the limit is fine').toEqual([]);
  });

  it('thresholds and the memory rule are configurable', () => {
    const report = healthReport();
    expect(criticalConditions(report, { maxRssBytes: 100 * 1_048_576 }).map((c) => c.rule)).toEqual(['memory_high']);
    expect(criticalConditions(report, { maxEventLoopP99Ms: 20 }).map((c) => c.rule)).toEqual(['event_loop_stalled']);
    expect(criticalConditions(healthReport({ dependencies: [{ name: 'telegram', state: 'open' }] }), { isCriticalDependency: () => true })).toHaveLength(1);
  });
});

describe('summarizeHealth', () => {
  it('is plain text, one line per area, with the heartbeat line', () => {
    const text = summarizeHealth(
      healthReport({ jobs: [jobHealth({ name: 'check_orders', consecutiveFailures: 2 }), jobHealth({ name: 'scan', stale: 'WARNING' })] }),
      [],
    );
    expect(text.split('\n')).toEqual([
      'Measured at 2026-11-20 12:00 UTC',
      'Jobs: 2 enabled; failing: check_orders (2× in a row); stale: scan (WARNING)',
      'Connections: 1 watched, all OK',
      'Data: 1 series, 0 without bars; oldest last bar sim BTC/USDT 1h at 2026-11-20 10:00 UTC',
      'Alerts waiting to be sent: 0',
      'Memory: RSS 120.0 MB, heap 50.0 MB of 80.0 MB',
      'Event loop delay: p50 10.2 ms, p99 21.5 ms, max 48 ms beyond the 20 ms sampling interval (2026-11-20 11:55 UTC to 2026-11-20 12:00 UTC)',
      'Heartbeat: last ping 2026-11-20 11:55 UTC (HTTP 200)',
      'Critical conditions: none',
    ]);
  });

  it('says when the heartbeat is off or withheld', () => {
    expect(summarizeHealth(healthReport({ heartbeat: { configured: false } }), [])).toContain('Heartbeat: not configured (set HEARTBEAT_URL)');
    const withheld = healthReport({ heartbeat: { configured: true, lastAttemptAt: at('2026-11-20T11:55:00Z'), lastProblem: 'self-check found breaker_open' } });
    expect(summarizeHealth(withheld, [])).toContain('Heartbeat: no ping yet; last attempt 2026-11-20 11:55 UTC did not ping: self-check found breaker_open');
  });
});
