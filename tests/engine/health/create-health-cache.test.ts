import { describe, expect, it } from 'vitest';
import { createHealthCache, type ConditionChange } from '../../../src/engine/health/create-health-cache.js';
import type { HealthReport } from '../../../src/engine/health/collect-health.js';
import { healthReport } from './health-fixtures.js';

describe('createHealthCache', () => {
  it('tells of each condition when it starts and when it clears, per subject, and not while it merely holds', async () => {
    const reports: HealthReport[] = [
      healthReport({ dependencies: [{ name: 'alpaca', state: 'open' }, { name: 'ccxt:binance', state: 'closed' }] }),
      healthReport({ dependencies: [{ name: 'alpaca', state: 'open' }, { name: 'ccxt:binance', state: 'closed' }] }),
      healthReport({ dependencies: [{ name: 'alpaca', state: 'open' }, { name: 'ccxt:binance', state: 'open' }] }),
      healthReport({ dependencies: [{ name: 'alpaca', state: 'closed' }, { name: 'ccxt:binance', state: 'open' }] }),
    ];
    const changes: ConditionChange[] = [];
    const cache = createHealthCache(async () => reports.shift() ?? healthReport(), {}, (change) => void changes.push(change));
    for (let i = 0; i < 5; i++) await cache.refresh();
    const subjects = (list: ConditionChange['started']) => list.map((c) => c.subject);
    expect(
      changes.map((c) => [subjects(c.started), subjects(c.cleared)]),
      'alpaca opens; binance opens while alpaca holds; alpaca clears; binance clears (the last report is healthy)',
    ).toEqual([
      [['alpaca'], []],
      [['ccxt:binance'], []],
      [[], ['alpaca']],
      [[], ['ccxt:binance']],
    ]);
    expect(cache.last()?.critical, 'the probe still reads the latest verdict').toEqual([]);
  });
});
