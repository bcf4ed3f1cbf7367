import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { pino } from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { expireThresholdsJob } from '../../../schedules/expire-thresholds.js';
import { startApp } from '../../../src/app.js';
import { createConfig } from '../../../src/config.js';
import { eventAlert } from '../../../src/alerts/alert-table.js';
import { createJobRuntime } from '../../../src/jobs/create-job-runtime.js';
import { createTestEngine } from '../../helpers/test-engine.js';
import { createRecordingAlerts } from '../../jobs/job-test-helpers.js';
import { waitFor } from '../../helpers/wait-for.js';

const owner = { id: 1, name: 'Olga', role: 'owner' as const };

afterEach(() => {
  vi.useRealTimers();
});

describe('a temporary threshold', () => {
  it('is in force until its end, then the value underneath; the job records the revert and raises an INFO alert', async () => {
    vi.useFakeTimers({ now: new Date('2026-11-20T12:00:00Z') });
    const clock = { now: () => new Date(), advance: (ms: number) => vi.advanceTimersByTime(ms), set: (iso: string) => vi.setSystemTime(new Date(iso)) };
    const h = createTestEngine({ clock });
    const { thresholds } = h.engine;
    await thresholds.apply({ accountId: 'paper', key: 'minConfidence', value: 0.7 }, owner);
    await thresholds.apply({ accountId: 'paper', key: 'minConfidence', value: 0.5, durationMs: 30 * 60_000, reason: 'try looser' }, owner);
    const alerts = createRecordingAlerts();
    const runtime = createJobRuntime({
      jobs: [expireThresholdsJob],
      engine: h.engine,
      scanTimeframes: ['1h'],
      logger: pino({ level: 'silent' }),
      clock: clock.now,
      startedAt: clock.now(),
      overrides: new Map(),
      heartbeat: { url: undefined, method: 'GET' },
      alerts,
      outboxDepth: () => 0,
      dependencies: () => [],
      outcomes: { update: async () => 'updated' },
      reports: { daily: async () => 'daily', weekly: async () => 'weekly' },
    });
    await runtime.start();
    try {
      await vi.advanceTimersByTimeAsync(29 * 60_000);
      expect(h.engine.account('paper')?.minConfidence, 'the temporary value, 29 min in').toBe(0.5);
      await vi.advanceTimersByTimeAsync(60_000 + 1);
      expect(h.engine.account('paper')?.minConfidence, 'at its end the lasting value underneath applies, before any job ran').toBe(0.7);
      await vi.advanceTimersByTimeAsync(15_000);
      const reverted = h.events.filter((e) => e.type === 'threshold_reverted');
      expect(reverted.map((e) => (e.type === 'threshold_reverted' ? [e.change.kind, e.change.from, e.change.to] : [])), 'recorded once, 0.5 → 0.7').toEqual([['expired', 0.5, 0.7]]);
      const alert = eventAlert(reverted[0] as (typeof reverted)[number]);
      expect(alert, 'an INFO alert').toMatchObject({ severity: 'INFO', type: 'threshold_reverted', title: 'minConfidence of paper is back to 0.7' });
      await vi.advanceTimersByTimeAsync(60_000);
      expect((await thresholds.history(10)).map((c) => c.kind), 'reverted once, not at every run').toEqual(['expired', 'set', 'set']);
    } finally {
      await runtime.stop();
    }
  });

  it('that ended while the bot was down reverts at the next start, told in the chat', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'countersign-ttl-'));
    const config = createConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
    const printed: string[] = [];
    const io = () => ({ input: new PassThrough(), output: { write: (text: string) => printed.push(text) }, interactive: false });
    // A clock that runs (alerts are paced by it), from a chosen start.
    const runningFrom = (iso: string) => {
      const offset = Date.parse(iso) - Date.now();
      return () => new Date(Date.now() + offset);
    };
    const first = await startApp(config, pino({ level: 'silent' }), io(), runningFrom('2026-11-20T12:00:00Z'));
    const applied = await first.engine.thresholds.apply({ accountId: 'paper', key: 'maxOpenPositions', value: 3, durationMs: 3_600_000 }, owner);
    expect(applied.kind).toBe('applied');
    await first.stop();

    const second = await startApp(config, pino({ level: 'silent' }), io(), runningFrom('2026-11-20T15:00:00Z'));
    try {
      expect(second.engine.account('paper')?.maxOpenPositions, 'the configured value, read from the reopened store').toBe(5);
      await waitFor(() => printed.join('').includes('maxOpenPositions of paper is back to 5'), 'the INFO alert in the chat');
      const history = await second.engine.thresholds.history(5);
      expect(history.map((c) => [c.version, c.kind, c.from, c.to]), 'recorded at start').toEqual([
        [2, 'expired', 3, 5],
        [1, 'set', 5, 3],
      ]);
    } finally {
      await second.stop();
    }
  });
});
