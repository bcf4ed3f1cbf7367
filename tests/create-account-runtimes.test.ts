import { describe, expect, it } from 'vitest';
import { createConfig } from '../src/config.js';
import { createAccountRuntimes } from '../src/create-account-runtimes.js';
import { createMarketRuntime } from '../src/create-market-runtime.js';
import type { PaperLedgerPort } from '../src/engine/ports/paper-ledger.js';
import { createSimulatedMarket } from '../src/engine/venues/sim/simulated-market.js';
import { createDependencyHealth } from '../src/resilience/create-dependency-health.js';
import { createMemoryBarStore } from './helpers/memory-bar-store.js';

/** A port nothing should touch while the runtimes are built. */
function unused<T extends object>(): T {
  return new Proxy({} as T, {
    get: (_, key) => {
      throw new Error(`unexpected use of ${String(key)}`);
    },
  });
}

describe('account and market runtimes', () => {
  // The venue SDKs, cockatiel and bottleneck load inside these factories (see
  // tests/app/start-up-imports.test.ts); this checks that the loaded code is wired right.
  it('builds paper, Alpaca and ccxt accounts with a breaker each and a bar source per venue', async () => {
    const config = createConfig({
      ACCOUNTS: JSON.stringify([
        { id: 'paper', venue: 'paper' },
        { id: 'stocks', venue: 'alpaca' },
        { id: 'crypto', venue: 'ccxt:binance' },
      ]),
      ACCOUNT_STOCKS_KEY: 'PKTEST',
      ACCOUNT_STOCKS_SECRET: 'alpaca-secret',
      ACCOUNT_CRYPTO_KEY: 'binance-key',
      ACCOUNT_CRYPTO_SECRET: 'binance-secret',
    });
    const clock = () => new Date('2026-01-05T15:00:00Z');
    const simulatedMarket = createSimulatedMarket({ clock });
    const health = createDependencyHealth();

    const { accounts, exchanges } = await createAccountRuntimes(config.accounts, { simulatedMarket, paperLedger: unused<PaperLedgerPort>(), clock, health });
    expect([...accounts.values()].map((a) => a.broker.venue), 'one broker per account, on its venue').toEqual(['paper', 'alpaca', 'ccxt:binance']);
    expect([...exchanges.keys()], 'the ccxt instance shared with the bar source').toEqual(['binance']);
    expect(health.snapshot().map((d) => d.name), 'each venue shown in /health: real ones behind a breaker, paper as simulated').toEqual(['paper (paper, simulated)', 'stocks (alpaca)', 'crypto (ccxt:binance)']);

    const market = await createMarketRuntime({
      config,
      accounts,
      exchanges,
      simulatedMarket,
      bars: createMemoryBarStore(),
      jobs: { list: () => [], save: async () => undefined },
      watchlists: { get: () => undefined, set: async () => undefined },
      events: { emit: () => undefined },
      clock,
      health,
    });
    expect([...market.sources.keys()], 'a bar source per venue').toEqual(['sim', 'alpaca', 'ccxt:binance']);
    expect(health.snapshot().map((d) => d.name).slice(3), 'the data sources have breakers of their own, the simulated one is listed too').toEqual(['sim data (simulated)', 'alpaca data', 'ccxt:binance data']);
    expect(market.barVenueOf('crypto'), 'bars of a ccxt account come from its exchange').toBe('ccxt:binance');
  });
});
