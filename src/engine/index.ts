/**
 * The engine facade: the one thing handlers and scheduled jobs call. Framework-free:
 * everything outside (storage, brokers, prices, clocks) comes in through narrow ports.
 */
import { describeUnknownSymbol } from './market/describe-unknown-symbol.js';
import type { AccountProfile } from './accounts/account-profile.js';
import { createMarketFacade, type MarketDeps } from './market-facade.js';
import { toDecimal } from './money/decimal.js';
import { createOutcomes } from './outcomes/create-outcomes.js';
import { getSymbolActivity } from './positions/symbol-activity.js';
import { createApprovalAnalytics } from './stats/create-approval-analytics.js';
import { createProposal, type ProposeInput, type ProposeResult } from './proposals/create-proposal.js';
import { approveProposal, peekDecision, rejectProposal, type Decider, type DecisionResult } from './approvals/decide-proposal.js';
import { expireProposals } from './proposals/expire-proposals.js';
import { getPositions, type AccountPositions } from './positions/get-positions.js';
import { haltTrading } from './controls/halt-trading.js';
import { resumeTrading, setPaused } from './controls/trading-controls.js';
import type { EngineEvent } from './events.js';
import { executeApproved } from './execution/execute-approved.js';
import { createOrderLocks } from './execution/order-locks.js';
import type { AccountRuntime, ExecutionDeps } from './execution/execution-deps.js';
import { reconcileOrders, type ReconcileReport } from './execution/reconcile-orders.js';
import { DEFAULT_GATES } from './gates/default-gates.js';
import type { Gate } from './gates/gate.js';
import { getStatus, type StatusReport } from './health/get-status.js';
import { isFinalOrderState, type OrderRecord } from './orders/order-record.js';
import type { DecisionLog } from './ports/decision-log.js';
import type { FilledOrder, HistoryReader, ProposalSummary } from './ports/history-reader.js';
import type { TradingControlState, TradingStore } from './ports/trading-store.js';
import type { ThresholdStore } from './ports/threshold-store.js';
import { createThresholds } from './settings/create-thresholds.js';
import { withCurrentProfiles } from './settings/with-current-profiles.js';
import type { Proposal, ProposalState } from './proposals/proposal.js';
import type { TaskTracker } from './tasks/task-tracker.js';

export type { StatusReport } from './health/get-status.js';
export { createTaskTracker, type TaskTracker } from './tasks/task-tracker.js';

export interface StorePort {
  readonly path: string;
  sizeBytes(): Promise<number>;
}

export interface EngineDeps {
  version: string;
  startedAt: Date;
  clock: () => Date;
  store: StorePort;
  tasks: TaskTracker;
  /** The live trading state. */
  trading: TradingStore;
  /** Settled proposals and orders. */
  history: HistoryReader;
  accounts: ReadonlyMap<string, AccountRuntime>;
  events: { emit(event: EngineEvent): void };
  decisions: DecisionLog;
  /** Thresholds changed from the chat, over the configured profiles in `accounts`. */
  thresholds: ThresholdStore;
  gates?: readonly Gate[];
  sleep?: (ms: number) => Promise<void>;
  /** Bars, backfills, watchlists and scans; the engine adds proposing, accounts and the clock. */
  market: Omit<MarketDeps, 'propose' | 'accounts' | 'clock' | 'decisions' | 'positionEntries' | 'hasPending'>;
}

export function createEngine(deps: EngineDeps) {
  const gates = deps.gates ?? DEFAULT_GATES;
  const thresholds = createThresholds({
    configured: new Map([...deps.accounts].map(([id, runtime]) => [id, runtime.profile])),
    store: deps.thresholds,
    clock: deps.clock,
    events: deps.events,
    decisions: deps.decisions,
    gates,
    equity: async (accountId) => {
      const runtime = deps.accounts.get(accountId);
      if (runtime === undefined) throw new Error(`unknown account ${accountId}`);
      return (await runtime.broker.getAccount()).equity;
    },
  });
  const accounts = withCurrentProfiles(deps.accounts, thresholds.profile);
  const execution: ExecutionDeps & { gates: readonly Gate[]; decisions: DecisionLog } = {
    store: deps.trading,
    history: deps.history,
    accounts,
    events: deps.events,
    clock: deps.clock,
    sleep: deps.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    gates,
    decisions: deps.decisions,
    locks: createOrderLocks(),
  };
  const proposals = () => Object.values(deps.trading.read().proposals);
  const propose = (input: ProposeInput): Promise<ProposeResult> => createProposal(execution, input);
  /** Live proposals and settled ones created since `since`, for statistics. */
  const proposalsSince = async (since: Date): Promise<ProposalSummary[]> => [
    ...proposals().filter((p) => p.createdAt >= since.toISOString()),
    ...(await deps.history.proposalsSince(since)),
  ];
  const outcomes = createOutcomes({
    // Every order that filled anything: our records are kept in step with each venue by
    // reconciliation, live ones here, settled ones in the history.
    settledFills: () => deps.history.filledOrders(),
    liveFills: () => liveFilledOrders(deps.trading.read()),
    proposalsSince,
    marks: async (accountId, symbol) => (await accounts.get(accountId)?.market.latestPrice(symbol))?.price,
    clock: deps.clock,
    // Known only for paper books; live accounts show drawdown as an amount.
    capital: (accountId) => {
      const profile = accounts.get(accountId)?.profile;
      return profile?.venue === 'paper' ? toDecimal(profile.paper.startingCash) : undefined;
    },
  });
  const analytics = createApprovalAnalytics({
    decisions: deps.decisions,
    proposalsSince,
    profiles: () => [...accounts.values()].map((a) => a.profile),
    gates,
    clock: deps.clock,
    bars: deps.market.bars,
    barVenueOf: deps.market.barVenueOf,
  });
  const market = createMarketFacade({
    ...deps.market,
    propose,
    accounts,
    clock: deps.clock,
    decisions: deps.decisions,
    positionEntries: (accountId, symbol) => getSymbolActivity(deps.trading.read(), accountId, symbol).entries,
    hasPending: (accountId, symbol, side) =>
      proposals().some((p) => p.state === 'pending' && p.accountId === accountId && p.symbol === symbol && p.side === side),
  });

  return {
    tasks: deps.tasks,
    market,
    outcomes,
    /** Pass, approval and expiry rates, suggestions of threshold changes, shadow P&L. */
    analytics,
    async getStatus(): Promise<StatusReport> {
      const trading = deps.trading.read();
      return getStatus({
        controls: trading.controls,
        version: deps.version,
        startedAt: deps.startedAt,
        now: deps.clock(),
        store: { path: deps.store.path, sizeBytes: await deps.store.sizeBytes() },
        pending: [
          { label: 'proposals awaiting approval', count: proposals().filter((p) => p.state === 'pending').length },
          { label: 'orders not final', count: Object.values(trading.orders).filter((o) => !isFinalOrderState(o.state)).length },
          { label: 'background tasks', count: deps.tasks.active().length },
        ],
      });
    },
    accounts: (): AccountProfile[] => [...accounts.values()].map((a) => a.profile),
    /** Each account's venue with its current profile (chat changes included), for research. */
    accountRuntimes: accounts,
    account: (id: string): AccountProfile | undefined => accounts.get(id)?.profile,
    /** Thresholds from the chat: list, preview, change, revert, audit, rollback. */
    thresholds,
    controls: (): TradingControlState => deps.trading.read().controls,
    propose,
    /** The latest price of a symbol at an account's venue, as a string; undefined if unknown. */
    async quote(accountId: string, symbol: string): Promise<string | undefined> {
      return (await accounts.get(accountId)?.market.latestPrice(symbol))?.price.toFixed();
    },
    /** What to tell about a symbol the account's venue does not know (with the known ones, when it can list them). */
    describeUnknownSymbol(accountId: string, symbol: string): string {
      const runtime = accounts.get(accountId);
      return runtime === undefined ? `unknown symbol "${symbol}"` : describeUnknownSymbol(runtime, symbol);
    },
    /** A proposal, live or settled. */
    getProposal: async (id: string): Promise<Proposal | undefined> => deps.trading.read().proposals[id] ?? (await deps.history.getProposal(id)),
    /** Live proposals (pending, or approved and not settled), newest first. */
    listProposals(filter: { state?: ProposalState; limit?: number } = {}): Proposal[] {
      const list = proposals().filter((p) => filter.state === undefined || p.state === filter.state);
      return list.sort((a, b) => b.createdAt.localeCompare(a.createdAt)).slice(0, filter.limit ?? list.length);
    },
    /** The newest orders, live and settled, newest first. */
    async listOrders(limit = 10): Promise<OrderRecord[]> {
      const live = Object.values(deps.trading.read().orders);
      const settled = await deps.history.recentOrders(limit);
      return [...live, ...settled].sort((a, b) => b.createdAt.localeCompare(a.createdAt)).slice(0, limit);
    },
    /** The newest settled orders with their proposals, newest first. */
    async recentlySettled(limit: number): Promise<{ proposal: Proposal; order: OrderRecord }[]> {
      const settled = [];
      for (const order of await deps.history.recentOrders(limit)) {
        const proposal = await deps.history.getProposal(order.proposalId);
        if (proposal !== undefined) settled.push({ proposal, order });
      }
      return settled;
    },
    /** The answer a button gets at once; undefined means the decision can go ahead. */
    peekDecision: (id: string): Promise<DecisionResult | undefined> => peekDecision(execution, id),
    /** Approves after a re-check and starts execution in the background. */
    async approve(id: string, by: Decider): Promise<DecisionResult> {
      // A deadline may have passed since the last expiry run: never approve past it.
      await expireProposals(execution);
      const result = await approveProposal(execution, id, by);
      if (result.kind === 'approved') deps.tasks.run(`execute ${result.clientOrderId}`, () => executeApproved(execution, result.clientOrderId));
      return result;
    },
    reject: (id: string, by: Decider): Promise<DecisionResult> => rejectProposal(execution, id, by),
    /** Unrealized P&L as /pnl has it: the same lots, fees and marks (see calculateUnrealized). */
    getPositions: async (): Promise<AccountPositions[]> => getPositions(accounts.values(), await outcomes.openLots()),
    pause: (by: Decider) => setPaused(execution, true, by),
    resume: (by: Decider) => resumeTrading(execution, by),
    halt: (by: Decider) => haltTrading(execution, by),
    expireDue: (): Promise<readonly Proposal[]> => expireProposals(execution),
    reconcile: (): Promise<ReconcileReport> => reconcileOrders(execution),
  };
}

export type Engine = ReturnType<typeof createEngine>;

/** Live orders that filled something, with their proposal's source. */
function liveFilledOrders(state: { orders: Record<string, OrderRecord>; proposals: Record<string, Proposal> }): FilledOrder[] {
  return Object.values(state.orders).map((order) => ({ order, source: state.proposals[order.proposalId]?.source ?? 'unknown' }));
}
