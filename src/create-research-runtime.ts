import type { Config } from './config.js';
import type { EventSink } from './engine/events.js';
import type { AccountRuntime } from './engine/execution/execution-deps.js';
import type { Engine } from './engine/index.js';
import type { ResearchModel } from './engine/ports/research-model.js';
import { createResearch } from './engine/research/create-research.js';
import type { BreakerStatus, VenuePolicy } from './resilience/create-venue-policy.js';
import type { DependencyHealth } from './resilience/create-dependency-health.js';
import { createResearchLog } from './store/history/create-research-log.js';
import type { HistoryLog } from './store/history/create-history-log.js';

export interface ResearchRuntimeInput {
  readonly config: Pick<Config, 'research' | 'market'>;
  readonly engine: Pick<Engine, 'market' | 'propose' | 'getProposal'>;
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
 * of its own (three failed calls in a row open it for five minutes); the SDK does the
 * retrying, so the breaker only counts what is left after its retries.
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
    log: createResearchLog(input.history, clock),
    events: input.events,
    clock,
  });
}

function createLazyModel(input: ResearchRuntimeInput & { apiKey: string }): () => Promise<ResearchModel> {
  let policy: VenuePolicy | undefined;
  const status: BreakerStatus = {
    getBreakerState: () => policy?.getBreakerState() ?? 'closed',
    get lastError() {
      return policy?.lastError;
    },
    get lastFailureAt() {
      return policy?.lastFailureAt;
    },
  };
  input.health?.register('claude', status);
  let loading: Promise<ResearchModel> | undefined;
  const load = async (): Promise<ResearchModel> => {
    const [{ createClaudeModel }, { createVenuePolicy }] = await Promise.all([import('./research/create-claude-model.js'), import('./resilience/create-venue-policy.js')]);
    const breaker = createVenuePolicy({ name: 'claude', maxRetries: 0, breakerThreshold: 3, halfOpenAfterMs: 5 * 60_000, clock: input.clock });
    breaker.onBreakerChange((state) => {
      if (state === 'open') input.events.emit({ type: 'research_problem', problem: { kind: 'unavailable', detail: 'Claude failed three times in a row (after the SDK\'s own retries). Research pauses for five minutes, then tries again by itself; /health shows the last error.' } });
    });
    policy = breaker;
    const s = input.config.research;
    const claude = createClaudeModel({ apiKey: input.apiKey, output: s.output, ...(s.baseUrl === undefined ? {} : { baseUrl: s.baseUrl }), ...(input.fetch === undefined ? {} : { fetch: input.fetch }), ...(input.maxRetries === undefined ? {} : { maxRetries: input.maxRetries }) });
    return { complete: (request) => breaker.execute(() => claude.complete(request)) };
  };
  return () =>
    (loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    }));
}
