import { join } from 'node:path';
import type { Config } from './config.js';
import type { Logger } from './logger.js';
import { createAccountRuntimes } from './create-account-runtimes.js';
import { createDependencyHealth } from './resilience/create-dependency-health.js';
import { createMarketRuntime } from './create-market-runtime.js';
import { createEngine, type TaskTracker } from './engine/index.js';
import { createEventBus } from './engine/events.js';
import { createSimulatedMarket } from './engine/venues/sim/simulated-market.js';
import { createBackfillJobsRepository } from './store/backfill-jobs-repository.js';
import { createFileBarStore } from './store/bar-store/create-file-bar-store.js';
import { readCalibrationFile } from './store/calibration-file.js';
import type { Store } from './store/open-store.js';
import { createPaperLedgerRepository } from './store/paper-ledger-repository.js';
import { createDecisionLog } from './store/history/create-decision-log.js';
import { createHistoryReader } from './store/history/create-history-reader.js';
import { createTradingRepository } from './store/trading-repository.js';
import { createThresholdRepository } from './store/threshold-repository.js';
import { createWatchlistRepository } from './store/watchlist-repository.js';
import { VERSION } from './version.js';
import { tallyDecisions } from './metrics/decision-tally.js';

/**
 * The engine with everything it reads and writes: accounts and their venues, the bar
 * store and market data, the trading state, the decision log.
 */
export async function createTradingEngine(config: Config, store: Store, tasks: TaskTracker, logger: Logger, clock: () => Date, startedAt: Date) {
  const events = createEventBus((error, event) => logger.error({ err: error, event: event.type }, 'event listener failed'));
  const simulatedMarket = createSimulatedMarket({ clock });
  const calibration = await readCalibrationFile(config.dataDir);
  const health = createDependencyHealth();
  const { accounts, exchanges } = await createAccountRuntimes(config.accounts, { simulatedMarket, paperLedger: createPaperLedgerRepository(store), clock, health });
  const bars = createFileBarStore({
    dir: join(config.dataDir, 'bars'),
    onTailDropped: (e) => logger.warn({ path: e.path, bytes: e.droppedBytes }, 'torn bar record dropped on open'),
  });
  const market = await createMarketRuntime({
    config,
    accounts,
    exchanges,
    simulatedMarket,
    bars,
    jobs: createBackfillJobsRepository(store),
    watchlists: createWatchlistRepository(store),
    events,
    clock,
    health,
  });
  const history = createHistoryReader(store.history);
  // Counted as they are recorded, for /metrics (gate blocks by gate).
  const projected = createDecisionLog(store.history);
  const decisions = tallyDecisions(projected);
  const thresholds = createThresholdRepository(store);
  // A change the audit has and the document missed (a crash between the two writes) applies now.
  const recovered = await thresholds.recover();
  if (recovered > 0) logger.warn({ changes: recovered }, 'threshold changes recovered from the audit');
  const engine = createEngine({
    version: VERSION,
    startedAt,
    clock,
    store,
    tasks,
    trading: createTradingRepository(store),
    history,
    accounts,
    events,
    decisions,
    thresholds,
    market: {
      bars,
      backfills: market.backfills,
      watchlists: createWatchlistRepository(store),
      barVenueOf: market.barVenueOf,
      defaultWatchlist: market.defaultWatchlist,
      // trading-signals loads with the first scan, not on every start.
      strategies: async () => (await import('./engine/strategies/strategy-registry.js')).getEnabledStrategies(config.market.strategies, calibration),
      // The user's own table (npm run calibrate -- --bars --save) when there is one.
      ...(calibration === undefined ? {} : { calibration }),
      scanTimeframes: config.market.scanTimeframes,
      scanNotional: config.market.scanNotional,
    },
  });
  const warmUpHistory = async () => {
    await history.warmUp();
    await projected.warmUp();
  };
  return { engine, events, dependencyHealth: market.health, warmUpHistory, decisionCounts: decisions.counts };
}
