import { describe, expect, it } from 'vitest';
import { collectHealth, type HealthSources } from '../../../src/engine/health/collect-health.js';
import { createEventLoopProbe, lateness } from '../../../src/engine/health/create-event-loop-probe.js';
import { listLastBarTimes } from '../../../src/engine/health/list-last-bar-times.js';
import { createDependencyHealth } from '../../../src/resilience/create-dependency-health.js';
import { at, jobHealth } from './health-fixtures.js';

const NOW = at('2026-11-20T12:00:00Z');

function sources(overrides: Partial<HealthSources> = {}): HealthSources {
  return {
    clock: () => NOW,
    startedAt: at('2026-11-20T11:00:00Z'),
    jobs: () => [jobHealth({ name: 'scan' })],
    dependencies: () => [],
    memory: () => ({ rss: 100, heapUsed: 40, heapTotal: 60 }),
    ...overrides,
  };
}

describe('collectHealth', () => {
  it('reports measured facts with their times: jobs, breakers, freshness, outbox, memory, event loop, heartbeat', async () => {
    const breakers = createDependencyHealth();
    const failure = new Error('503 from https://paper-api.alpaca.markets/v2/orders?key=abc');
    breakers.register('alpaca', { getBreakerState: () => 'open', lastError: failure, lastFailureAt: at('2026-11-20T11:58:00Z') }, 'broker');
    breakers.register('alpaca data', { getBreakerState: () => 'closed', lastError: undefined, lastFailureAt: undefined }, 'data');
    const report = await collectHealth(
      sources({
        dependencies: () => breakers.snapshot(),
        lastBarTimes: () => [
          { venue: 'sim', symbol: 'BTC/USDT', timeframe: '1h', lastT: Date.parse('2026-11-20T10:00:00Z') },
          { venue: 'sim', symbol: 'NEW', timeframe: '1h', lastT: undefined },
        ],
        outboxDepth: async () => 7,
        heartbeat: () => ({ configured: true, lastPingAt: at('2026-11-20T11:55:00Z'), lastHttpStatus: 200 }),
        eventLoop: { read: (now) => ({ from: at('2026-11-20T11:59:00Z'), to: now, samples: 10, resolutionMs: 20, p50Ms: 1, p99Ms: 2, maxMs: 3 }) },
      }),
    );
    expect(report.generatedAt).toBe(NOW);
    expect(report.jobs.map((j) => j.name)).toEqual(['scan']);
    expect(report.dependencies).toEqual([
      { name: 'alpaca', state: 'open', lastError: { name: 'Error', message: '503 from <url>' }, lastFailureAt: at('2026-11-20T11:58:00Z') },
      { name: 'alpaca data', state: 'closed' },
    ]);
    expect(report.freshness).toEqual({
      ok: true,
      at: NOW,
      value: [
        { venue: 'sim', symbol: 'BTC/USDT', timeframe: '1h', lastBarAt: at('2026-11-20T10:00:00Z'), sinceCloseMs: 3_600_000 },
        { venue: 'sim', symbol: 'NEW', timeframe: '1h', lastBarAt: undefined, sinceCloseMs: undefined },
      ],
    });
    expect(report.outboxDepth).toEqual({ ok: true, value: 7, at: NOW });
    expect(report.memory).toEqual({ at: NOW, rssBytes: 100, heapUsedBytes: 40, heapTotalBytes: 60 });
    expect(report.eventLoop?.p99Ms).toBe(2);
    expect(report.heartbeat.lastHttpStatus).toBe(200);
  });

  it('a source that fails is reported as a failed measurement, not a failed report', async () => {
    const report = await collectHealth(
      sources({
        lastBarTimes: () => Promise.reject(new Error('bar store unreadable')),
        outboxDepth: () => {
          throw new RangeError('outbox gone');
        },
      }),
    );
    expect(report.freshness).toEqual({ ok: false, at: NOW, error: { name: 'Error', message: 'bar store unreadable' } });
    expect(report.outboxDepth).toEqual({ ok: false, at: NOW, error: { name: 'RangeError', message: 'outbox gone' } });
  });

  it('leaves out what is not wired, and uses the process memory by default', async () => {
    const { memory: _unused, ...rest } = sources();
    const report = await collectHealth(rest);
    expect(report.freshness).toBeUndefined();
    expect(report.outboxDepth).toBeUndefined();
    expect(report.eventLoop).toBeUndefined();
    expect(report.heartbeat).toEqual({ configured: false });
    expect(report.memory.rssBytes, 'the real RSS').toBeGreaterThan(1_000_000);
  });
});

describe('createEventLoopProbe', () => {
  it('measures the delay of a blocked loop, in ms, over a window with its times', async () => {
    const start = new Date();
    const probe = createEventLoopProbe({ resolutionMs: 10, windowMs: 60_000, startedAt: start });
    const blockUntil = Date.now() + 120;
    await new Promise((resolve) => setTimeout(resolve, 30));
    while (Date.now() < blockUntil) {
      // Busy: the loop cannot run timers.
    }
    await new Promise((resolve) => setTimeout(resolve, 30));
    const delay = probe.read(new Date());
    probe.stop();
    expect(delay.from).toBe(start);
    expect(delay.samples).toBeGreaterThan(0);
    expect(delay.maxMs ?? 0, 'the busy stretch shows in the max').toBeGreaterThan(50);
    expect(delay.p50Ms ?? Infinity).toBeLessThanOrEqual(delay.p99Ms ?? 0);
  });

  it('health does not report the 20 ms sampling resolution as delay on an idle loop', async () => {
    const probe = createEventLoopProbe({ startedAt: new Date() });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const delay = probe.read(new Date());
    probe.stop();
    expect(delay.resolutionMs, 'the interval is reported alongside').toBe(20);
    expect(delay.samples, 'sampled while idle').toBeGreaterThan(3);
    // Node's raw histogram never reads below the interval; an idle loop is not 20 ms late.
    expect(delay.p50Ms ?? Infinity, 'the median lateness is well under the interval').toBeLessThan(20);
    expect([lateness(20.07e6, 20), lateness(19.9e6, 20), lateness(84.2e6, 20)], 'raw ns between samples → ms late').toEqual([0.1, 0, 64.2]);
  });

  it('starts a new window after reading an old one', () => {
    const start = new Date('2026-11-20T11:00:00Z');
    const probe = createEventLoopProbe({ windowMs: 60_000, startedAt: start });
    expect(probe.read(new Date('2026-11-20T11:00:30Z')).from, 'window still young').toBe(start);
    probe.read(new Date('2026-11-20T11:05:00Z'));
    expect(probe.read(new Date('2026-11-20T11:05:10Z')).from.toISOString()).toBe('2026-11-20T11:05:00.000Z');
    probe.stop();
  });
});

describe('listLastBarTimes', () => {
  it('lists each watched series once per bar venue with its last bar', async () => {
    const times = await listLastBarTimes({
      accountIds: () => ['paper', 'paper2', 'binance'],
      watchlist: (id) => (id === 'binance' ? ['ETH/USDT'] : ['BTC/USDT']),
      barVenueOf: (id) => (id === 'binance' ? 'ccxt:binance' : 'sim'),
      timeframes: ['1h', '1d'],
      lastBarTime: async (venue, symbol, tf) => (venue === 'sim' && tf === '1h' ? 1_000 : symbol === 'ETH/USDT' ? 2_000 : undefined),
    });
    expect(times).toEqual([
      { venue: 'sim', symbol: 'BTC/USDT', timeframe: '1h', lastT: 1_000 },
      { venue: 'sim', symbol: 'BTC/USDT', timeframe: '1d', lastT: undefined },
      { venue: 'ccxt:binance', symbol: 'ETH/USDT', timeframe: '1h', lastT: 2_000 },
      { venue: 'ccxt:binance', symbol: 'ETH/USDT', timeframe: '1d', lastT: 2_000 },
    ]);
  });
});
