import { describe, expect, it } from 'vitest';
import { createConfig } from '../../src/config.js';
import { createAccountRuntimes } from '../../src/create-account-runtimes.js';
import { createMarketRuntime } from '../../src/create-market-runtime.js';
import { createEventBus } from '../../src/engine/events.js';
import { createSimulatedMarket } from '../../src/engine/venues/sim/simulated-market.js';
import { createDependencyHealth } from '../../src/resilience/create-dependency-health.js';
import { createBackfillJobsRepository } from '../../src/store/backfill-jobs-repository.js';
import { createPaperLedgerRepository } from '../../src/store/paper-ledger-repository.js';
import { createWatchlistRepository } from '../../src/store/watchlist-repository.js';
import { createMemoryBarStore } from '../helpers/memory-bar-store.js';
import { createMemoryStore } from '../helpers/test-engine.js';

describe('every breaker is registered with what it is to the trader', () => {
  it('brokers as broker (HIGH when open), bar sources as data (WARNING); paper and sim are listed, in process', async () => {
    const config = createConfig({
      ACCOUNTS: '[{"id":"paper","venue":"paper"},{"id":"steady","venue":"alpaca"},{"id":"coins","venue":"ccxt:binance"}]',
      ACCOUNT_STEADY_KEY: 'key',
      ACCOUNT_STEADY_SECRET: 'secret',
      ACCOUNT_COINS_KEY: 'key',
      ACCOUNT_COINS_SECRET: 'secret',
      DATA_DIR: '/tmp/countersign-test-unused',
    });
    const store = createMemoryStore();
    const { document } = store;
    const clock = () => new Date('2026-11-20T12:00:00Z');
    const simulatedMarket = createSimulatedMarket({ clock });
    const health = createDependencyHealth();
    const { accounts, exchanges } = await createAccountRuntimes(config.accounts, { simulatedMarket, paperLedger: createPaperLedgerRepository(store), clock, health });
    await createMarketRuntime({
      config,
      accounts,
      exchanges,
      simulatedMarket,
      bars: createMemoryBarStore(),
      jobs: createBackfillJobsRepository({ document }),
      watchlists: createWatchlistRepository({ document }),
      events: createEventBus(() => undefined),
      clock,
      health,
    });
    expect(
      health.snapshot().map((d) => [d.name, d.kind]),
      'the kind decides the alert: an open broker breaker is HIGH, a data source one WARNING',
    ).toEqual([
      ['paper (paper, simulated)', 'broker'],
      ['steady (alpaca)', 'broker'],
      ['coins (ccxt:binance)', 'broker'],
      ['sim data (simulated)', 'data'],
      ['alpaca data', 'data'],
      ['ccxt:binance data', 'data'],
    ]);
  });
});
