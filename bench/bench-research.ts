import { parseAccounts } from '../src/accounts-config.js';
import { createPaperRuntime } from '../src/create-account-runtimes.js';
import type { Timeframe } from '../src/engine/market/bars.js';
import { buildContext } from '../src/engine/research/build-context.js';
import { createResearch } from '../src/engine/research/create-research.js';
import { estimateRequestTokens } from '../src/engine/research/estimate-tokens.js';
import { ResearchOutputSchema } from '../src/engine/research/idea-schema.js';
import { DEFAULT_PRICES } from '../src/engine/research/price-table.js';
import { renderContext } from '../src/engine/research/render-context.js';
import type { ResearchIdeaRecord } from '../src/engine/research/research-records.js';
import { systemBlocks } from '../src/engine/research/system-prompt.js';
import * as readers from '../src/engine/strategies/read-indicators.js';
import { createSimulatedBarSource } from '../src/engine/venues/sim/simulated-bar-source.js';
import { createSimulatedMarket } from '../src/engine/venues/sim/simulated-market.js';
import { createClaudeModel } from '../src/research/create-claude-model.js';
import { createResearchLog } from '../src/store/history/create-research-log.js';
import { createPaperLedgerRepository } from '../src/store/paper-ledger-repository.js';
import { createMemoryBarStore } from '../tests/helpers/memory-bar-store.js';
import { createMemoryHistoryLog } from '../tests/helpers/memory-history-log.js';
import { createMemoryStore } from '../tests/helpers/test-engine.js';
import { startFakeClaude } from './fake-claude-server.js';
import { median, report, timeEach } from './measure.js';

const SYMBOLS = 90;
const RUNS = 25;
const NOW = new Date('2026-11-20T15:00:00Z');
const MANDATE = { mandate: 'Swing trades of one to four weeks; buy pullbacks in uptrends; at most 5% of equity per idea.', maxIdeas: 3, universe: 'watchlist' as const };

/**
 * Research for a 90-symbol universe, all figures from one world (bars from the simulated
 * market in a memory bar store, the paper account, 20 past ideas) and one pair of runs:
 * building the context and rendering the request; the input tokens of a run, counted by
 * a local stand-in of the Messages API at the documented 3 characters per token (no
 * network here to count with the API), beside the estimate the budget checks before the
 * call; and the share of the second run's input read from the prompt cache, which the
 * stand-in reports as the API does (bench/fake-claude-server.ts).
 */
export async function benchResearch(): Promise<void> {
  const world = await createWorld();
  const context = () => buildContext({ runtime: world.runtime, venue: 'sim', universe: world.symbols, priceTimeframe: '1h', bars: world.bars, readers, pastIdeas: world.pastIdeas, now: NOW });
  const request = async () => ({ system: systemBlocks({ accountId: 'bench', live: false, mandate: MANDATE }), user: renderContext(await context()), schema: ResearchOutputSchema });
  await request();
  const samples = await timeEach(RUNS, request);
  report(`research context for ${SYMBOLS} symbols (bars, account, 20 past ideas, rendered)`, median(samples), 'ms', '< 50 ms');
  await benchTokens(world, estimateRequestTokens(await request()).total);
}

async function benchTokens(world: Awaited<ReturnType<typeof createWorld>>, estimate: number): Promise<void> {
  const fake = await startFakeClaude();
  try {
    const model = createClaudeModel({ apiKey: 'bench', baseUrl: fake.url, output: 'structured', maxRetries: 0 });
    const log = createResearchLog(createMemoryHistoryLog(), () => NOW);
    await log.append({ ideas: world.pastIdeas });
    const research = createResearch({
      settings: { model: 'claude-sonnet-5-5', maxTokens: 4_000, dailyBudgetUsd: '100', dailyTokenBudget: 0, prices: DEFAULT_PRICES },
      model: async () => model,
      readers: async () => readers,
      accounts: new Map([['bench', world.runtime]]),
      market: { bars: world.bars, barVenueOf: () => 'sim', watchlist: () => world.symbols, startBackfill: () => ({ kind: 'busy' }), scanTimeframes: ['1h', '1d'] },
      propose: async () => ({ kind: 'invalid', problem: 'bench: not proposed' }),
      getProposal: async () => undefined,
      log,
      events: { emit: () => undefined },
      clock: () => NOW,
    });
    const usage = async () => {
      const result = await research.run({ accountId: 'bench', trigger: 'manual' });
      if (result.kind !== 'done' || result.report.run.outcome !== 'ok') throw new Error(`research bench: ${result.kind === 'done' ? (result.report.run.detail ?? '') : result.kind}`);
      return result.report.run.usage;
    };
    const first = await usage();
    const second = await usage();
    const total = (u: typeof first) => u.input + u.cacheWrite + u.cacheRead;
    report(`research input tokens per run, ${SYMBOLS} symbols (as the stand-in counted the request sent, 3 chars/token; ${first.cacheWrite} of them the cached prefix; the budget's estimate before the call: ${estimate})`, total(first), 'tokens', '< 20,000', 0);
    report(`research cache-hit share of input on a second run (read ${second.cacheRead} of ${total(second)} tokens from the cache)`, (second.cacheRead / total(second)) * 100, '%', 'the whole stable prefix', 1);
  } finally {
    await fake.close();
  }
}

async function createWorld() {
  const assets = Array.from({ length: SYMBOLS }, (_, i) => ({ symbol: i % 3 === 0 ? `C${i}/USDT` : `S${i}`, basePrice: 5 + ((i * 137) % 900), annualVolatility: 0.2 + (i % 7) * 0.1 }));
  const market = createSimulatedMarket({ clock: () => NOW, assets });
  const store = createMemoryBarStore();
  const source = createSimulatedBarSource(market);
  for (const { symbol } of assets) {
    for (const [timeframe, days] of [['1d', 80], ['1h', 2]] as [Timeframe, number][]) {
      for await (const page of source.fetchBars(symbol, timeframe, NOW.getTime() - days * 86_400_000, NOW.getTime())) await store.append({ venue: 'sim', symbol, timeframe }, page.bars);
    }
  }
  const parsed = parseAccounts(JSON.stringify([{ id: 'bench', venue: 'paper', research: MANDATE }]), {});
  if (!parsed.ok || parsed.accounts[0] === undefined) throw new Error('bench account');
  const runtime = createPaperRuntime(parsed.accounts[0].profile, { simulatedMarket: market, paperLedger: createPaperLedgerRepository(createMemoryStore()), clock: () => NOW });
  const symbols = assets.map((a) => a.symbol);
  return { runtime, symbols, bars: (venue: string, symbol: string, timeframe: Timeframe, count: number) => store.readLast({ venue, symbol, timeframe }, count), pastIdeas: pastIdeas(symbols) };
}

function pastIdeas(symbols: readonly string[]): ResearchIdeaRecord[] {
  return Array.from({ length: 20 }, (_, i) => ({
    id: `old-${i}`, runId: `old-${i}`, accountId: 'bench', createdAt: new Date(NOW.getTime() - (i + 1) * 86_400_000).toISOString(), model: 'claude-sonnet-5-5',
    symbol: symbols[i] ?? 'S1', side: 'buy', entry: { type: 'market' }, stop: '90', target: '120', horizonDays: 10, sizePct: 3, confidence: 0.6 + (i % 4) * 0.08,
    thesis: 'Pullback to the 20-day average inside an uptrend, RSI back near 45, volume drying up on the dip; the stop sits under the swing low.', risks: ['trend break'], invalidation: 'a close below the swing low',
    referencePrice: '100', notional: '3000', clamps: [], verdict: { kind: 'proposed', proposalId: `p${i}` }, proposalState: i % 3 === 0 ? 'rejected' : 'filled',
    ...(i > 8 ? { outcome: { evaluatedAt: NOW.toISOString(), closePrice: '104', returnPct: i % 2 === 0 ? 4 : -2, touched: 'none' as const, hit: i % 2 === 0 } } : {}),
  }));
}

