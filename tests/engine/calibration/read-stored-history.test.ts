import { describe, expect, it } from 'vitest';
import { calibrateHistory } from '../../../src/engine/calibration/calibrate-history.js';
import { readSimulatedHistory } from '../../../src/engine/calibration/read-simulated-history.js';
import { readStoredHistory } from '../../../src/engine/calibration/read-stored-history.js';
import { SCORED_STRATEGIES } from '../../../src/engine/strategies/strategy-registry.js';
import { createMemoryBarStore } from '../../helpers/memory-bar-store.js';

describe('calibrating from backfilled bars', () => {
  it("replays the bar store's series (one venue's, if named) into a table of the user's own", async () => {
    const store = createMemoryBarStore();
    for await (const series of readSimulatedHistory({ seed: 3, end: new Date('2026-06-01T00:00:00Z'), timeframes: ['1d'], symbols: ['BTC/USDT', 'ETH/USDT'], days: { '1d': 800 } })) {
      await store.append({ venue: 'sim', symbol: series.symbol, timeframe: series.timeframe }, series.bars);
    }
    await store.append({ venue: 'alpaca', symbol: 'AAPL', timeframe: '1d' }, []);
    const seen: string[] = [];
    for await (const series of readStoredHistory(store, 'sim')) seen.push(`${series.symbol} ${series.timeframe} ${series.bars.length}`);
    expect(seen.sort(), 'both sim series, whole, and nothing of alpaca').toEqual(['BTC/USDT 1d 800', 'ETH/USDT 1d 800']);

    const table = await calibrateHistory(Object.values(SCORED_STRATEGIES), readStoredHistory(store, 'sim'), { label: 'your sim bars', source: 'test', computedAt: new Date('2026-06-01T00:00:00Z') });
    expect(table.label, 'named after its source in every rationale').toBe('your sim bars');
    const dca = table.groups.find((g) => g.strategy === 'dca' && g.timeframe === '1d');
    expect(dca?.buckets.reduce((n, b) => n + b.signals, 0), 'daily dca signals were judged').toBeGreaterThan(50);
  }, 60_000);
});
