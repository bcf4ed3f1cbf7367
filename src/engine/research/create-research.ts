import type { ResearchMandate } from '../accounts/account-profile.js';
import type { EventSink } from '../events.js';
import type { AccountRuntime } from '../execution/execution-deps.js';
import type { Timeframe } from '../market/bars.js';
import type { ResearchLog } from '../ports/research-log.js';
import type { ResearchModel } from '../ports/research-model.js';
import type { ProposeInput, ProposeResult } from '../proposals/create-proposal.js';
import type { Proposal } from '../proposals/proposal.js';
import type { ReadBars } from './build-context.js';
import type { ResearchIdeaRecord } from './research-records.js';
import { calculateResearchStats, type AccountResearchStats } from './calculate-research-stats.js';
import type { BudgetSettings } from './check-budget.js';
import { createHistoryFiller, type StartBackfill } from './ensure-history.js';
import { runResearch, type ResearchRunReport } from './run-research.js';
import { summarizeCosts, type ResearchCosts } from './summarize-costs.js';
import type { IndicatorReaders } from './symbol-snapshot.js';
import { updateIdeaOutcomes, type RealizedOf } from './update-idea-outcomes.js';
import { nextWaitingAt, proposeWaitingIdeas } from './propose-waiting-ideas.js';

export interface ResearchDeps {
  readonly settings: BudgetSettings;
  /** Undefined without ANTHROPIC_API_KEY: research is off. */
  readonly model: (() => Promise<ResearchModel>) | undefined;
  /** trading-signals, loaded with the first run. */
  readonly readers: () => Promise<IndicatorReaders>;
  readonly accounts: ReadonlyMap<string, AccountRuntime>;
  readonly market: {
    readonly bars: ReadBars;
    readonly barVenueOf: (accountId: string) => string;
    readonly watchlist: (accountId: string) => readonly string[];
    readonly startBackfill: StartBackfill;
    /** The fastest of them prices the table. */
    readonly scanTimeframes: readonly Timeframe[];
  };
  readonly propose: (input: ProposeInput) => Promise<ProposeResult>;
  readonly getProposal: (id: string) => Promise<Proposal | undefined>;
  /** What sells realized per proposal (the /pnl book), for executed ideas; absent in benches. */
  readonly realized?: RealizedOf;
  readonly log: ResearchLog;
  readonly events: EventSink;
  readonly clock: () => Date;
  readonly newRunId?: () => string;
}

export interface ResearchRequest {
  readonly accountId: string;
  /** Instead of the mandate's universe, for this run only. */
  readonly symbols?: readonly string[];
  readonly trigger: 'manual' | 'schedule';
  readonly by?: number;
  readonly onStatus?: (status: string) => void;
}

export type StartResult =
  | { readonly kind: 'done'; readonly report: ResearchRunReport }
  | { readonly kind: 'off' }
  | { readonly kind: 'no_mandate'; readonly accountId: string }
  | { readonly kind: 'busy'; readonly accountId: string };

const STATS_DAYS = 90;
const TIMEFRAME_ORDER: readonly Timeframe[] = ['1m', '5m', '15m', '1h', '4h', '1d'];

/** Research with Claude: runs, costs, statistics and outcomes. The bot and the job call it. */
export function createResearch(deps: ResearchDeps) {
  const running = new Set<string>();
  const newRunId = deps.newRunId ?? (() => `r${deps.clock().getTime().toString(36)}${Math.floor(Math.random() * 36 ** 4).toString(36).padStart(4, '0')}`);
  const mandateOf = (accountId: string): ResearchMandate | undefined => deps.accounts.get(accountId)?.profile.research;
  const priceTimeframe = TIMEFRAME_ORDER.find((tf) => deps.market.scanTimeframes.includes(tf));
  const universeOf = (accountId: string, mandate: ResearchMandate) => (mandate.universe === 'watchlist' ? deps.market.watchlist(accountId) : mandate.universe);
  /** Ideas with their proposals' state of now: the record only learns it from the outcomes job. */
  const withCurrentStates = (ideas: readonly ResearchIdeaRecord[]) =>
    Promise.all(
      ideas.map(async (idea) => {
        if (idea.verdict.kind !== 'proposed' || idea.outcome !== undefined) return idea;
        const state = (await deps.getProposal(idea.verdict.proposalId))?.state;
        return state === undefined ? idea : { ...idea, proposalState: state };
      }),
    );
  const log: ResearchLog = { ...deps.log, ideasSince: async (since) => withCurrentStates(await deps.log.ideasSince(since)) };

  async function run(request: ResearchRequest): Promise<StartResult> {
    const model = deps.model;
    if (model === undefined) return { kind: 'off' };
    const runtime = deps.accounts.get(request.accountId);
    const mandate = mandateOf(request.accountId);
    if (runtime === undefined || mandate === undefined) return { kind: 'no_mandate', accountId: request.accountId };
    if (running.has(request.accountId)) return { kind: 'busy', accountId: request.accountId };
    running.add(request.accountId);
    try {
      const venue = deps.market.barVenueOf(request.accountId);
      const ensureHistory = createHistoryFiller({ bars: deps.market.bars, startBackfill: deps.market.startBackfill, clock: deps.clock, ...(priceTimeframe === undefined ? {} : { priceTimeframe }), ...(request.onStatus === undefined ? {} : { onStatus: request.onStatus }) });
      const runDeps = { settings: deps.settings, model, readers: deps.readers, log, propose: deps.propose, bars: deps.market.bars, ensureHistory, events: deps.events, clock: deps.clock, newRunId };
      const universe = request.symbols ?? universeOf(request.accountId, mandate);
      const report = await runResearch(runDeps, { runtime, mandate, venue, universe, priceTimeframe, trigger: request.trigger, ...(request.by === undefined ? {} : { by: request.by }), ...(request.onStatus === undefined ? {} : { onStatus: request.onStatus }) });
      return { kind: 'done', report };
    } finally {
      running.delete(request.accountId);
    }
  }

  return {
    enabled: deps.model !== undefined,
    model: deps.settings.model,
    /** Accounts with a mandate, in ACCOUNTS order: the ones research runs for. */
    accountsWithMandate: (): string[] => [...deps.accounts.values()].filter((a) => a.profile.research !== undefined).map((a) => a.profile.id),
    isLive: (accountId: string): boolean => deps.accounts.get(accountId)?.profile.live === true,
    run,
    async costs(): Promise<ResearchCosts> {
      const now = deps.clock();
      return summarizeCosts(await deps.log.runsSince(new Date(now.getTime() - 31 * 86_400_000)), now, deps.settings.dailyBudgetUsd);
    },
    async stats(): Promise<AccountResearchStats[]> {
      const since = new Date(deps.clock().getTime() - STATS_DAYS * 86_400_000);
      const [runs, ideas] = await Promise.all([log.runsSince(since), log.ideasSince(since)]);
      return calculateResearchStats(runs, ideas);
    },
    /** When ideas that wait for their market to open are next due (the desk sets a timer). */
    nextWaitingAt: () => nextWaitingAt({ log: deps.log, clock: deps.clock }),
    /** Proposes the ideas whose market has opened since; returns them with their verdicts. */
    proposeWaiting: () => proposeWaitingIdeas({ log: deps.log, propose: deps.propose, clock: deps.clock }),
    /** For the outcomes job: its one-line summary. */
    async updateOutcomes(): Promise<string> {
      const result = await updateIdeaOutcomes({ log: deps.log, getProposal: deps.getProposal, bars: deps.market.bars, barVenueOf: deps.market.barVenueOf, clock: deps.clock, ...(deps.realized === undefined ? {} : { realized: deps.realized }) });
      return `research ideas: ${result.evaluated} evaluated, ${result.refreshed} updated, ${result.open} still open`;
    },
  };
}

export type Research = ReturnType<typeof createResearch>;
export const STATS_WINDOW_DAYS = STATS_DAYS;
