import { parseAccounts } from '../../src/accounts-config.js';
import { createPaperRuntime } from '../../src/create-account-runtimes.js';
import { createEngine, createTaskTracker } from '../../src/engine/index.js';
import { createEventBus, type EngineEvent } from '../../src/engine/events.js';
import type { AccountRuntime } from '../../src/engine/execution/execution-deps.js';
import { createSimulatedMarket } from '../../src/engine/venues/sim/simulated-market.js';
import type { DecisionLog, DecisionRecord } from '../../src/engine/ports/decision-log.js';
import { summarizeDecision, toDecisionRow } from '../../src/engine/settings/decision-row.js';
import type { StoreDocument } from '../../src/store/open-store.js';
import { createArchiver } from '../../src/store/archive-settled.js';
import { createHistoryReader } from '../../src/store/history/create-history-reader.js';
import { createMemoryHistoryLog } from './memory-history-log.js';
import { createPaperLedgerRepository } from '../../src/store/paper-ledger-repository.js';
import { createDefaultStoreData, type StoreData } from '../../src/store/schema.js';
import { createTradingRepository } from '../../src/store/trading-repository.js';
import { createThresholdRepository } from '../../src/store/threshold-repository.js';
import { createBackfillManager } from '../../src/engine/backfill/backfill-manager.js';
import { createSymbolCheck } from '../../src/engine/backfill/check-symbols.js';
import type { EventSink } from '../../src/engine/events.js';
import { findGaps } from '../../src/engine/market/expected-bar-times.js';
import type { SimulatedMarket } from '../../src/engine/venues/sim/simulated-market.js';
import { createSimulatedBarSource } from '../../src/engine/venues/sim/simulated-bar-source.js';
import { getEnabledStrategies } from '../../src/engine/strategies/strategy-registry.js';
import { createBackfillJobsRepository } from '../../src/store/backfill-jobs-repository.js';
import { createWatchlistRepository } from '../../src/store/watchlist-repository.js';
import { createMemoryBarStore } from './memory-bar-store.js';

/** A clock tests move by hand. */
export function createTestClock(start = '2026-11-20T12:00:00Z') {
  let now = new Date(start).getTime();
  return {
    now: () => new Date(now),
    advance: (ms: number) => {
      now += ms;
    },
    set: (iso: string) => {
      now = new Date(iso).getTime();
    },
  };
}

/**
 * The real repositories on a document that lives in memory: what is "persisted" is this
 * object, so a test can build a second engine on it to simulate a restart.
 */
export function createMemoryDocument(data: StoreData = createDefaultStoreData(new Date('2026-01-01T00:00:00Z'))): StoreDocument & { data: StoreData } {
  const doc = {
    data,
    read: () => doc.data,
    update: async (mutate: (d: StoreData) => void) => {
      mutate(doc.data);
    },
  };
  return doc;
}

/**
 * The store parts the repositories need, in memory: the document, the history log and
 * the real archiver between them, so settled records leave the document as in production.
 */
export function createMemoryStore(document = createMemoryDocument(), history = createMemoryHistoryLog(), clock: () => Date = () => new Date()) {
  const archiver = createArchiver({ document, history, clock }, (error) => {
    throw error;
  });
  return { document, history, archiver };
}

export type MemoryStore = ReturnType<typeof createMemoryStore>;

export function createMemoryDecisionLog(): DecisionLog & { entries: DecisionRecord[] } {
  const entries: DecisionRecord[] = [];
  return {
    entries,
    append: async (entry) => {
      entries.push(entry);
    },
    readRecent: async (limit) => entries.slice(-limit),
    since: async (from) => entries.filter((e) => Date.parse(e.at) >= from.getTime()).map((e) => toDecisionRow(summarizeDecision(e))),
  };
}

/**
 * Market-data dependencies on memory: a memory bar store, the simulated bar source, and
 * watchlists and backfill jobs on the given document.
 */
export function createTestMarketDeps(input: { document: StoreDocument; clock: () => Date; market: SimulatedMarket; events: EventSink; strategies?: string[] }) {
  const bars = createMemoryBarStore();
  const backfills = createBackfillManager({
    sources: new Map([['sim', createSimulatedBarSource(input.market)]]),
    store: bars,
    jobs: createBackfillJobsRepository({ document: input.document }),
    clock: input.clock,
    concurrency: 4,
    findGaps,
    events: input.events,
    // As src/create-market-runtime.ts: the simulated market lists its symbols.
    checkSymbols: createSymbolCheck({ listOf: (venue) => (venue === 'sim' ? input.market.knownSymbols() : undefined), priceOf: async () => true }),
  });
  return {
    bars,
    backfills,
    watchlists: createWatchlistRepository({ document: input.document }),
    barVenueOf: () => 'sim',
    defaultWatchlist: () => input.market.knownSymbols(),
    strategies: getEnabledStrategies(input.strategies ?? ['dca', 'swing', 'channel']),
    scanTimeframes: ['1h', '1d'] as const,
    scanNotional: '1000',
  };
}

export interface TestEngineOptions {
  accounts?: string;
  document?: ReturnType<typeof createMemoryDocument>;
  /** The same history across a simulated restart; a new one by default. */
  history?: ReturnType<typeof createMemoryHistoryLog>;
  clock?: ReturnType<typeof createTestClock>;
  /** Replace an account's runtime (e.g. a scripted broker). */
  runtimes?: (built: Map<string, AccountRuntime>) => Map<string, AccountRuntime>;
}

/** A complete engine: paper broker on the simulated market, real repositories, no disk. */
export function createTestEngine(options: TestEngineOptions = {}) {
  const clock = options.clock ?? createTestClock();
  const document = options.document ?? createMemoryDocument();
  const store = createMemoryStore(document, options.history, clock.now);
  const parsed = parseAccounts(options.accounts ?? '[{"id":"paper","venue":"paper"}]', {});
  if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
  const market = createSimulatedMarket({ clock: clock.now });
  const deps = { simulatedMarket: market, paperLedger: createPaperLedgerRepository(store), clock: clock.now };
  // Paper accounts only: a test that needs another venue passes its runtime in `runtimes`.
  const built = new Map(parsed.accounts.map((a) => [a.profile.id, createPaperRuntime(a.profile, deps)]));
  const accounts = options.runtimes?.(built) ?? built;
  const events: EngineEvent[] = [];
  const bus = createEventBus((error) => {
    throw error;
  });
  bus.subscribe((e) => events.push(e));
  const tasks = createTaskTracker((name, error) => {
    throw new Error(`background task ${name} failed: ${String(error)}`);
  });
  const decisions = createMemoryDecisionLog();
  const engine = createEngine({
    version: '9.9.9',
    startedAt: new Date(clock.now().getTime() - 3_600_000),
    clock: clock.now,
    store: { path: '/data/countersign.json', sizeBytes: async () => 2048 },
    tasks,
    trading: createTradingRepository(store),
    history: createHistoryReader(store.history),
    accounts,
    events: bus,
    decisions,
    thresholds: createThresholdRepository(store),
    sleep: async () => undefined,
    market: createTestMarketDeps({ document, clock: clock.now, market, events: bus }),
  });
  return { engine, events, bus, document, history: store.history, archiver: store.archiver, clock, market, accounts, decisions, tasks };
}
