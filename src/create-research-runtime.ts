import type { Config } from './config.js';
import type { EventSink } from './engine/events.js';
import type { AccountRuntime } from './engine/execution/execution-deps.js';
import type { Engine } from './engine/index.js';
import type { ResearchModel } from './engine/ports/research-model.js';
import { createResearch } from './engine/research/create-research.js';
import type { BreakerState, VenuePolicy } from './resilience/create-venue-policy.js';
import type { DependencyHealth, WatchableBreaker } from './resilience/create-dependency-health.js';
import { createResearchLog } from './store/history/create-research-log.js';
import type { HistoryLog } from './store/history/create-history-log.js';

export interface ResearchRuntimeInput {
  readonly config: Pick<Config, 'research' | 'market'>;
  readonly engine: Pick<Engine, 'market' | 'propose' | 'getProposal' | 'outcomes'>;
  readonly accounts: ReadonlyMap<string, AccountRuntime>;
  readonly events: EventSink;
  readonly history: HistoryLog;
  /** Where the `claude` breaker is shown (/health). */
  readonly health?: DependencyHealth;
  readonly clock: () => Date;
  /** Tests: a fetch built after nock is active, and fewer retries. */
  readonly fetch?: typeof globalThis.fetch;
  readonly maxRetries?: number;
}

/**
 * Research wired to the engine and the store. The Anthropic SDK, cockatiel and
 * trading-signals load with the first run, not at start-up. Claude sits behind a breaker
 * of its own (three failed calls in a row open it; a trial call 30 s later), shown in
 * /health and alerted on like any dependency's; the SDK does the retrying, so the breaker
 * only counts what is left after its retries.
 */
export function createResearchRuntime(input: ResearchRuntimeInput) {
  const { config, engine, clock } = input;
  const settings = config.research;
  const model = settings.apiKey === undefined ? undefined : createLazyModel({ ...input, apiKey: settings.apiKey });
  return createResearch({
    settings: { model: settings.model, maxTokens: settings.maxTokens, dailyBudgetUsd: settings.dailyBudgetUsd, dailyTokenBudget: settings.dailyTokenBudget, prices: settings.prices },
    model,
    readers: async () => import('./engine/strategies/read-indicators.js'),
    accounts: input.accounts,
    market: {
      bars: engine.market.bars,
      barVenueOf: engine.market.barVenueOf,
      watchlist: engine.market.watchlist,
      startBackfill: (request) => engine.market.startBackfill(request),
      scanTimeframes: config.market.scanTimeframes,
    },
    propose: engine.propose,
    getProposal: engine.getProposal,
    realized: (accountId) => engine.outcomes.realizedByProposal(accountId),
    log: createResearchLog(input.history, clock),
    events: input.events,
    clock,
  });
}

function createLazyModel(input: ResearchRuntimeInput & { apiKey: string }): () => Promise<ResearchModel> {
  let policy: VenuePolicy | undefined;
  // The breaker exists from the first run on; /health and the breaker alerts subscribe now.
  const listeners = new Set<(state: BreakerState) => void>();
  const status: WatchableBreaker = {
    getBreakerState: () => policy?.getBreakerState() ?? 'closed',
    get lastError() {
      return policy?.lastError;
    },
    get lastFailureAt() {
      return policy?.lastFailureAt;
    },
    onBreakerChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  input.health?.register(CLAUDE_DEPENDENCY, status, 'research');
  let loading: Promise<ResearchModel> | undefined;
  const load = async (): Promise<ResearchModel> => {
    const [{ createClaudeModel }, { createVenuePolicy }] = await Promise.all([import('./research/create-claude-model.js'), import('./resilience/create-venue-policy.js')]);
    const breaker = createVenuePolicy({ name: CLAUDE_DEPENDENCY, maxRetries: 0, breakerThreshold: 3, clock: input.clock });
    breaker.onBreakerChange((state) => {
      for (const listener of listeners) listener(state);
    });
    policy = breaker;
    const s = input.config.research;
    const claude = createClaudeModel({ apiKey: input.apiKey, output: s.output, ...(s.effort === undefined ? {} : { effort: s.effort }), ...(s.baseUrl === undefined ? {} : { baseUrl: s.baseUrl }), ...(input.fetch === undefined ? {} : { fetch: input.fetch }), ...(input.maxRetries === undefined ? {} : { maxRetries: input.maxRetries }) });
    return { complete: (request) => breaker.execute(() => claude.complete(request)) };
  };
  return () =>
    (loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    }));
}

/** How /health and the breaker alerts name Claude. */
const CLAUDE_DEPENDENCY = 'claude';
