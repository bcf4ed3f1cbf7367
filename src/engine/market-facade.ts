import type { ProposeInput, ProposeResult } from './proposals/create-proposal.js';
import { describeUnknownSymbol } from './market/describe-unknown-symbol.js';
import type { BackfillManager } from './backfill/backfill-manager.js';
import type { BackfillRequest } from './backfill/run-backfill.js';
import type { CalibrationTable } from './calibration/calibration-table.js';
import { SIM_CALIBRATION } from './calibration/sim-calibration.js';
import type { AccountRuntime } from './execution/execution-deps.js';
import type { Timeframe } from './market/bars.js';
import type { BarStore } from './ports/bar-store.js';
import type { DecisionLog } from './ports/decision-log.js';
import type { WatchlistStore } from './ports/watchlists.js';
import { scanWatchlist, type HeldPosition, type ScanSummary } from './scanner/scan.js';
import { summarizeGateBlocks, type GateBlockSummary } from './scanner/summarize-gate-blocks.js';
import { createStrategyLoader, type StrategySource } from './strategies/create-strategy-loader.js';
import { changeWatchlist, getWatchlist } from './watchlist/manage-watchlist.js';

export interface MarketDeps {
  readonly bars: BarStore;
  readonly backfills: BackfillManager;
  readonly watchlists: WatchlistStore;
  readonly decisions: DecisionLog;
  readonly accounts: ReadonlyMap<string, AccountRuntime>;
  /** The bar store venue that serves an account: `sim` for paper, else the account's venue. */
  readonly barVenueOf: (accountId: string) => string;
  readonly defaultWatchlist: (accountId: string) => readonly string[];
  /** Buys that built the position in a symbol (DCA caps its adds by it). */
  readonly positionEntries: (accountId: string, symbol: string) => number;
  /** A proposal for this symbol and side awaits approval: a scan does not ask again. */
  readonly hasPending: (accountId: string, symbol: string, side: 'buy' | 'sell') => boolean;
  readonly strategies: StrategySource;
  /** The table the strategies' confidences come from; the simulated market's by default. */
  readonly calibration?: CalibrationTable;
  readonly scanTimeframes: readonly Timeframe[];
  readonly scanNotional: string;
  readonly propose: (input: ProposeInput) => Promise<ProposeResult>;
  readonly clock: () => Date;
}

export interface AccountScan {
  readonly accountId: string;
  readonly venue: string;
  readonly summary: ScanSummary;
}

/** Market data, backfills, watchlists and scans: the part of the engine that reads the market. */
export function createMarketFacade(deps: MarketDeps) {
  const watchlist = (accountId: string) => getWatchlist(deps.watchlists, accountId, deps.defaultWatchlist(accountId));
  const strategies = createStrategyLoader(deps.strategies);

  async function positionsOf(runtime: AccountRuntime): Promise<Map<string, HeldPosition>> {
    const positions = await runtime.broker.getPositions();
    const held = (p: (typeof positions)[number]): HeldPosition => ({
      quantity: p.quantity.toNumber(),
      averagePrice: p.averageEntryPrice.toNumber(),
      entries: deps.positionEntries(runtime.profile.id, p.symbol),
    });
    return new Map(positions.map((p) => [p.symbol, held(p)]));
  }

  return {
    watchlist,
    changeWatchlist: (accountId: string, change: { add?: readonly string[]; remove?: readonly string[] }) =>
      changeWatchlist(
        deps.watchlists,
        accountId,
        deps.defaultWatchlist(accountId),
        change,
        async (symbol) => (await deps.accounts.get(accountId)?.market.latestPrice(symbol)) !== undefined,
        (symbol) => {
          const runtime = deps.accounts.get(accountId);
          return runtime === undefined ? `unknown symbol "${symbol}"` : describeUnknownSymbol(runtime, symbol);
        },
      ),
    barVenueOf: deps.barVenueOf,
    venues: deps.backfills.venues,
    /** The watchlist that feeds a bar venue: the first account the venue serves. */
    watchlistOfVenue(venue: string): readonly string[] {
      const account = [...deps.accounts.keys()].find((id) => deps.barVenueOf(id) === venue);
      return account === undefined ? [] : watchlist(account);
    },
    startBackfill(request: BackfillRequest, by?: number) {
      return deps.backfills.start(request, by === undefined ? {} : { by });
    },
    /** Checks and estimates a request from a person: starts it, or records it to be confirmed when it is big (or when `ask` is always). */
    prepareBackfill(request: BackfillRequest, options: { by?: number; ask?: 'when_big' | 'always' } = {}) {
      return deps.backfills.prepare(request, options);
    },
    /** Starts a request recorded by prepareBackfill, on its confirmation. */
    confirmBackfill: deps.backfills.confirm,
    /** Drops a recorded request that was not confirmed; false when there is none. */
    discardBackfill: deps.backfills.discard,
    pendingBackfill: deps.backfills.pending,
    /** The sentence naming the symbols a venue does not know, with the known ones or how to find them. */
    checkBackfillSymbols: deps.backfills.checkSymbols,
    /** Jobs a crash left running start again; the bar store knows where each one was. */
    resumeInterruptedBackfills() {
      return deps.backfills.interrupted().map((job) => deps.backfills.start(job.request, { job, resume: true }));
    },
    /**
     * The daily incremental top-up: every account's watchlist over the scan timeframes.
     * Only bars after each series' last one are fetched; a busy venue is left for next time.
     */
    async topUpWatchlists(days = 7) {
      const reports = [];
      for (const accountId of deps.accounts.keys()) {
        const started = deps.backfills.start({ venue: deps.barVenueOf(accountId), symbols: watchlist(accountId), timeframes: deps.scanTimeframes, days });
        if (started.kind === 'started') reports.push(await started.handle.done);
      }
      return reports;
    },
    cancelBackfill: deps.backfills.cancel,
    finishedBackfill: deps.backfills.finished,
    runningBackfills: deps.backfills.running,
    /** At shutdown: running backfills stop and resume at the next start. */
    suspendBackfills: () => deps.backfills.suspendAll(),
    /** Runs a scan of every account's watchlist (or the named account's) over the scan timeframes. */
    async scan(accountIds: readonly string[] = [...deps.accounts.keys()]): Promise<AccountScan[]> {
      const results: AccountScan[] = [];
      const scanWith = await strategies();
      for (const accountId of accountIds) {
        const runtime = deps.accounts.get(accountId);
        if (runtime === undefined) continue;
        const held = await positionsOf(runtime);
        const venue = deps.barVenueOf(accountId);
        const summary = await scanWatchlist(
          { bars: deps.bars, strategies: scanWith, propose: deps.propose, positions: (_a, symbol) => held.get(symbol) ?? { quantity: 0 }, hasPending: deps.hasPending, clock: deps.clock },
          { accountId, venue, symbols: watchlist(accountId), timeframes: deps.scanTimeframes, notionalPerTrade: deps.scanNotional },
        );
        results.push({ accountId, venue, summary });
      }
      return results;
    },
    /** How often earlier signals were right, per bucket: what a strategy's confidence means. */
    calibration: (): CalibrationTable => deps.calibration ?? SIM_CALIBRATION,
    async gateStats(limit = 500): Promise<GateBlockSummary> {
      return summarizeGateBlocks(await deps.decisions.readRecent(limit));
    },
    bars: (venue: string, symbol: string, timeframe: Timeframe, count: number) => deps.bars.readLast({ venue, symbol, timeframe }, count),
  };
}

export type MarketFacade = ReturnType<typeof createMarketFacade>;
