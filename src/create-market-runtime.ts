import type { Exchange } from 'ccxt';
import type { Config } from './config.js';
import { createBackfillManager } from './engine/backfill/backfill-manager.js';
import { SIM_PACE, type BackfillPace } from './engine/backfill/backfill-pace.js';
import { createSymbolCheck } from './engine/backfill/check-symbols.js';
import type { EventSink } from './engine/events.js';
import type { AccountRuntime } from './engine/execution/execution-deps.js';
import type { BarSource } from './engine/ports/bar-source.js';
import { findGaps } from './engine/market/expected-bar-times.js';
import type { SimulatedMarket } from './engine/venues/sim/simulated-market.js';
import { createSimulatedBarSource } from './engine/venues/sim/simulated-bar-source.js';
import type { BackfillJobStore } from './engine/ports/backfill-jobs.js';
import type { BarStore } from './engine/ports/bar-store.js';
import type { WatchlistStore } from './engine/ports/watchlists.js';
import { createDependencyHealth, type DependencyHealth } from './resilience/create-dependency-health.js';
import { IN_PROCESS_STATUS } from './resilience/in-process-status.js';

export interface MarketRuntimeDeps {
  config: Config;
  accounts: ReadonlyMap<string, AccountRuntime>;
  exchanges: ReadonlyMap<string, Exchange>;
  simulatedMarket: SimulatedMarket;
  bars: BarStore;
  jobs: BackfillJobStore;
  watchlists: WatchlistStore;
  events: EventSink;
  clock: () => Date;
  /** Where each venue's breaker is registered for /health. */
  health?: DependencyHealth;
}

const CCXT_DEFAULT_WATCHLIST = ['BTC/USDT', 'ETH/USDT', 'SOL/USDT'];
const ALPACA_DEFAULT_WATCHLIST = ['SPY', 'AAPL', 'MSFT', 'NVDA'];

/**
 * Bar sources (one limiter and breaker per venue), the backfill manager, and which bar
 * venue and default watchlist serve each account.
 */
export async function createMarketRuntime(deps: MarketRuntimeDeps) {
  const health = deps.health ?? createDependencyHealth();
  const sources = new Map<string, BarSource>([['sim', createSimulatedBarSource(deps.simulatedMarket)]]);
  health.register('sim data (simulated)', IN_PROCESS_STATUS, 'data');
  // For the estimate a backfill shows first: each venue's page size and published limit.
  const paces = new Map<string, BackfillPace>([['sim', SIM_PACE]]);
  const alpaca = deps.config.accounts.find((a) => a.profile.venue === 'alpaca');
  if (alpaca?.credentials !== undefined) {
    // Loaded here, not at the top: a start without an Alpaca account never pays for the SDK.
    const [{ createAlpacaBarSource }, guards] = await Promise.all([import('./engine/venues/alpaca/alpaca-bar-source.js'), loadVenueGuards()]);
    const policy = guards.createVenuePolicy({ name: 'alpaca data', clock: deps.clock });
    health.register(policy.name, policy, 'data');
    const { key, secret } = alpaca.credentials;
    const limiter = guards.createVenueLimiter(guards.ALPACA_LIMIT);
    sources.set('alpaca', createAlpacaBarSource({ keyId: key, secretKey: secret, feed: deps.config.market.alpacaFeed, limiter, policy, clock: deps.clock }));
    paces.set('alpaca', { barsPerRequest: 10_000, requestsPerMinute: 200, localBarsPerSecond: 200_000, alwaysOpen: false });
  }
  if (deps.exchanges.size > 0) {
    const [{ createCcxtBarSource }, guards] = await Promise.all([import('./engine/venues/ccxt/ccxt-bar-source.js'), loadVenueGuards()]);
    for (const [id, exchange] of deps.exchanges) {
      const policy = guards.createVenuePolicy({ name: `ccxt:${id} data`, clock: deps.clock });
      health.register(policy.name, policy, 'data');
      // Binance publishes its weights; elsewhere ccxt's own per-instance throttle applies too.
      const limit = id.startsWith('binance') ? guards.BINANCE_KLINES_LIMIT : { requestsPerMinute: 600 };
      sources.set(`ccxt:${id}`, createCcxtBarSource({ exchange, limiter: guards.createVenueLimiter(limit), policy, clock: deps.clock }));
      const perMinute = limit.requestsPerMinute === 'unlimited' ? undefined : limit.requestsPerMinute / (limit.weightPerRequest ?? 1);
      paces.set(`ccxt:${id}`, { barsPerRequest: 1_000, ...(perMinute === undefined ? {} : { requestsPerMinute: perMinute }), localBarsPerSecond: 200_000, alwaysOpen: false });
    }
  }
  const profile = (id: string) => deps.accounts.get(id)?.profile;
  const barVenueOf = (accountId: string) => {
    const venue = profile(accountId)?.venue ?? 'paper';
    return venue === 'paper' ? 'sim' : venue;
  };
  const checkSymbols = createSymbolCheck({
    listOf: (venue) => (venue === 'sim' ? deps.simulatedMarket.knownSymbols() : undefined),
    // No account on the venue: nothing to ask, so every symbol passes (and the backfill tells).
    priceOf: async (venue, symbol) => {
      const account = [...deps.accounts.entries()].find(([id]) => barVenueOf(id) === venue)?.[1];
      return account === undefined ? true : account.market.latestPrice(symbol);
    },
  });
  const backfills = createBackfillManager({
    sources,
    paces,
    checkSymbols,
    store: deps.bars,
    jobs: deps.jobs,
    clock: deps.clock,
    concurrency: deps.config.market.backfillConcurrency,
    findGaps,
    events: deps.events,
  });
  return {
    sources,
    backfills,
    health,
    barVenueOf,
    defaultWatchlist: (accountId: string): readonly string[] => {
      const venue = profile(accountId)?.venue ?? 'paper';
      if (venue === 'paper') return deps.simulatedMarket.knownSymbols();
      return venue === 'alpaca' ? ALPACA_DEFAULT_WATCHLIST : CCXT_DEFAULT_WATCHLIST;
    },
  };
}

/** The limiter (bottleneck) and breaker (cockatiel) of a real venue; the simulated market needs neither. */
async function loadVenueGuards() {
  const [policy, limiter] = await Promise.all([import('./resilience/create-venue-policy.js'), import('./resilience/create-venue-limiter.js')]);
  return { ...policy, ...limiter };
}
