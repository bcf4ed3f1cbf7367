import { readFileSync } from 'node:fs';
import { createConfig } from '../../src/config.js';
import { createResearchRuntime } from '../../src/create-research-runtime.js';
import type { EngineEvent } from '../../src/engine/events.js';
import { createDependencyHealth } from '../../src/resilience/create-dependency-health.js';
import { createTestClock, createTestEngine } from '../helpers/test-engine.js';

export const ANTHROPIC = 'https://api.anthropic.com';
/** A Friday with the NYSE open: stock and crypto ideas alike can pass market_open. */
export const RESEARCH_CLOCK = '2026-11-20T15:00:00Z';
export const UNIVERSE = ['AAPL', 'TSLA', 'BTC/USDT', 'ETH/USDT', 'SOL/USDT'];
export const MANDATE = 'Swing trades of one to two weeks; buy pullbacks in uptrends; no more than 5% of equity per idea.';

export function researchAccounts(overrides: Record<string, unknown> = {}): string {
  return JSON.stringify([{ id: 'paper', venue: 'paper', research: { mandate: MANDATE, maxIdeas: 3, universe: UNIVERSE }, ...overrides }]);
}

/** A Messages API payload from tests/fixtures/anthropic/, parsed fresh on every call. */
export function anthropicFixture<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(readFileSync(new URL(`../fixtures/anthropic/${name}.json`, import.meta.url), 'utf8')) as T;
}

/** nock reads the fetch of the moment: the SDK gets one that looks it up at each call. */
export const lateFetch: typeof globalThis.fetch = (input, init) => globalThis.fetch(input, init);

export interface ResearchHarnessOptions {
  readonly env?: Record<string, string>;
  readonly accounts?: string;
  readonly clock?: ReturnType<typeof createTestClock>;
  readonly maxRetries?: number;
  readonly engine?: ReturnType<typeof createTestEngine>;
}

/** Daily bars (80 days) and the last hourly ones of the universe in the memory bar store, from the simulated market. */
export async function fillBars(engine: ReturnType<typeof createTestEngine>['engine'], symbols: readonly string[] = UNIVERSE): Promise<void> {
  for (const [timeframe, days] of [['1d', 80], ['1h', 2]] as const) {
    const started = engine.market.startBackfill({ venue: 'sim', symbols, timeframes: [timeframe], days });
    if (started.kind !== 'started') throw new Error(`backfill did not start: ${started.kind}`);
    await started.handle.done;
  }
}

/**
 * A test engine with a research mandate, bars for its universe, and research wired the
 * way src/app.ts wires it, talking to api.anthropic.com (nock) through the real SDK.
 */
export async function createResearchHarness(options: ResearchHarnessOptions = {}) {
  const accounts = options.accounts ?? researchAccounts();
  const harness = options.engine ?? createTestEngine({ accounts, clock: options.clock ?? createTestClock(RESEARCH_CLOCK) });
  await fillBars(harness.engine);
  const config = createConfig({ ANTHROPIC_API_KEY: 'sk-ant-api03-test', ACCOUNTS: accounts, SCAN_TIMEFRAMES: '1h,1d', ...options.env });
  // /health's registry: the claude breaker is registered there, and its changes heard.
  const dependencies = createDependencyHealth();
  const research = createResearchRuntime({
    config,
    engine: harness.engine,
    accounts: harness.engine.accountRuntimes,
    events: harness.bus,
    history: harness.history,
    health: dependencies,
    clock: harness.clock.now,
    fetch: lateFetch,
    maxRetries: options.maxRetries ?? 2,
  });
  const problems = () => harness.events.filter((e): e is Extract<EngineEvent, { type: 'research_problem' }> => e.type === 'research_problem').map((e) => e.problem);
  const proposals = () => harness.events.filter((e): e is Extract<EngineEvent, { type: 'proposal_created' }> => e.type === 'proposal_created').map((e) => e.proposal);
  return { ...harness, research, config, dependencies, problems, proposals };
}

export type ResearchHarness = Awaited<ReturnType<typeof createResearchHarness>>;
