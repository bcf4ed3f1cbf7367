import { describe, expect, it } from 'vitest';
import { JOBS } from '../../schedules/index.js';
import { createDependencyHealth } from '../../src/resilience/create-dependency-health.js';
import { createJobRuntime } from '../../src/jobs/create-job-runtime.js';
import { createTestEngine } from '../helpers/test-engine.js';
import { createRecordingAlerts, createTestLogger } from './job-test-helpers.js';

describe('createJobRuntime', () => {
  it('wires the scheduler, tracker, heartbeat and health report over the engine', async () => {
    const { engine, clock } = createTestEngine();
    const alerts = createRecordingAlerts();
    const breakers = createDependencyHealth();
    breakers.register('alpaca', { getBreakerState: () => 'open', lastError: undefined, lastFailureAt: undefined }, 'broker');
    const runtime = createJobRuntime({
      jobs: JOBS,
      engine,
      scanTimeframes: ['1h', '1d'],
      logger: createTestLogger().logger,
      clock: clock.now,
      startedAt: clock.now(),
      alerts,
      outboxDepth: () => 3,
      dependencies: () => breakers.snapshot(),
      overrides: new Map([['heartbeat', { enabled: false }]]),
      heartbeat: { url: undefined, method: 'GET' },
      outcomes: { update: async () => 'updated' },
      reports: { daily: async () => 'daily', weekly: async () => 'weekly' },
    });
    try {
      expect(runtime.healthCache.last(), 'nothing collected yet').toBeUndefined();
      expect((await runtime.health()).eventLoop, 'nothing runs before start, the event-loop probe included').toBeUndefined();
      await runtime.start();
      const report = await runtime.health();
      expect(report.jobs.map((j) => j.name)).toEqual(JOBS.map((j) => j.name));
      expect(report.jobs.find((j) => j.name === 'heartbeat')?.enabled, 'the override applies').toBe(false);
      expect(report.outboxDepth, 'the dispatcher depth').toMatchObject({ ok: true, value: 3 });
      expect(report.freshness?.ok && report.freshness.value.length, 'every watched symbol × timeframe').toBe(engine.market.watchlist('paper').length * 2);
      expect(report.eventLoop?.from, 'measured since start()').toEqual(clock.now());
      expect(report.heartbeat, 'no HEARTBEAT_URL').toEqual({ configured: false });
      expect(runtime.healthCache.last()?.critical.map((c) => c.rule)).toEqual(['breaker_open']);

      const run = runtime.scheduler.runNow('health_check');
      if (run.kind !== 'started') throw new Error(run.kind);
      expect((await run.done).details, 'health_check reads the tracker and the report').toBe('no stale jobs; critical: breaker_open');
      const summary = runtime.scheduler.runNow('daily_health_summary');
      if (summary.kind !== 'started') throw new Error(summary.kind);
      await summary.done;
      expect(alerts.raised.map((a) => a.type)).toEqual(['daily_health_summary']);
    } finally {
      await runtime.stop();
    }
  });

  it('raises a health condition when it starts and when it clears, not at every refresh', async () => {
    const { engine, clock } = createTestEngine();
    const alerts = createRecordingAlerts();
    let waiting = 150;
    const runtime = createJobRuntime({
      jobs: JOBS,
      engine,
      scanTimeframes: ['1h', '1d'],
      logger: createTestLogger().logger,
      clock: clock.now,
      startedAt: clock.now(),
      alerts,
      outboxDepth: () => waiting,
      dependencies: () => [],
      overrides: new Map(),
      heartbeat: { url: undefined, method: 'GET' },
      outcomes: { update: async () => 'updated' },
      reports: { daily: async () => 'daily', weekly: async () => 'weekly' },
    });
    for (let minute = 0; minute < 3; minute++) await runtime.health();
    waiting = 120;
    await runtime.health();
    expect(alerts.raised.map((a) => [a.type, a.severity, a.title]), 'one WARNING for the backlog, though four reports saw it').toEqual([
      ['health_condition', 'WARNING', 'Health: 150 alerts waiting to be sent (over 100)'],
    ]);
    waiting = 0;
    await runtime.health();
    await runtime.health();
    expect(alerts.raised.map((a) => [a.type, a.severity]).slice(1), 'one INFO when it clears').toEqual([['health_condition_cleared', 'INFO']]);
  });
});
