import type { Bar, Timeframe } from '../market/bars.js';
import { createSimulatedBarSource } from '../venues/sim/simulated-bar-source.js';
import { createSimulatedMarket } from '../venues/sim/simulated-market.js';
import type { BarSeries } from './collect-outcomes.js';

/** Days of history per timeframe: about 17,000–45,000 bars a series, enough signals per bucket. */
export const SIMULATED_HISTORY_DAYS: Readonly<Record<Timeframe, number>> = {
  '1m': 30,
  '5m': 90,
  '15m': 270,
  '1h': 730,
  '4h': 2_190,
  '1d': 4_380,
};

export interface SimulatedHistoryRequest {
  readonly seed: number;
  /** The history ends here (exclusive). */
  readonly end: Date;
  readonly timeframes: readonly Timeframe[];
  /** Default: every symbol the simulated market knows. */
  readonly symbols?: readonly string[];
  /** Default: SIMULATED_HISTORY_DAYS. */
  readonly days?: Partial<Record<Timeframe, number>>;
}

/** The simulated market's bars, series by series, exactly as a backfill would store them. */
export async function* readSimulatedHistory(request: SimulatedHistoryRequest): AsyncGenerator<BarSeries> {
  const market = createSimulatedMarket({ seed: request.seed, clock: () => request.end });
  const source = createSimulatedBarSource(market);
  const end = request.end.getTime();
  for (const timeframe of request.timeframes) {
    const days = request.days?.[timeframe] ?? SIMULATED_HISTORY_DAYS[timeframe];
    for (const symbol of request.symbols ?? market.knownSymbols()) {
      const bars: Bar[] = [];
      for await (const page of source.fetchBars(symbol, timeframe, end - days * 86_400_000, end)) bars.push(...page.bars);
      yield { symbol, timeframe, bars };
    }
  }
}
