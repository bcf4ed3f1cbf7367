import type { AccountRuntime } from '../execution/execution-deps.js';
import { TIMEFRAME_MS, type Bar, type Timeframe } from '../market/bars.js';
import { snapshotAccount } from './account-snapshot.js';
import type { ResearchContext } from './render-context.js';
import type { ResearchIdeaRecord } from './research-records.js';
import { summarizePastIdeas } from './summarize-past-ideas.js';
import { DAILY_BARS_NEEDED, snapshotSymbol, type IndicatorReaders, type SymbolSnapshot } from './symbol-snapshot.js';

export type ReadBars = (venue: string, symbol: string, timeframe: Timeframe, count: number) => Promise<readonly Bar[]>;

export interface ContextInput {
  readonly runtime: AccountRuntime;
  readonly venue: string;
  readonly universe: readonly string[];
  /** The fastest timeframe watched: its newest bar gives a fresher price than the daily close. */
  readonly priceTimeframe: Timeframe | undefined;
  readonly bars: ReadBars;
  readonly readers: IndicatorReaders;
  readonly pastIdeas: readonly ResearchIdeaRecord[];
  readonly now: Date;
}

/** Snapshots of every symbol in the universe, from the bar store, one symbol at a time in parallel. */
export async function snapshotUniverse(input: Omit<ContextInput, 'runtime' | 'pastIdeas'>): Promise<SymbolSnapshot[]> {
  const { priceTimeframe } = input;
  const latestOf = async (symbol: string) => {
    if (priceTimeframe === undefined || priceTimeframe === '1d') return undefined;
    const [bar] = await input.bars(input.venue, symbol, priceTimeframe, 1);
    return bar === undefined ? undefined : { bar, timeframeMs: TIMEFRAME_MS[priceTimeframe] };
  };
  return Promise.all(
    input.universe.map(async (symbol) => {
      const [daily, latest] = await Promise.all([input.bars(input.venue, symbol, '1d', DAILY_BARS_NEEDED), latestOf(symbol)]);
      return snapshotSymbol({ symbol, daily, ...(latest === undefined ? {} : { latest }), now: input.now }, input.readers);
    }),
  );
}

/** Everything one run tells the model: the market, the account and what came of past ideas. */
export async function buildContext(input: ContextInput): Promise<ResearchContext> {
  const [symbols, account] = await Promise.all([snapshotUniverse(input), snapshotAccount(input.runtime)]);
  return { accountId: input.runtime.profile.id, at: input.now, symbols, account, past: summarizePastIdeas(input.pastIdeas) };
}
