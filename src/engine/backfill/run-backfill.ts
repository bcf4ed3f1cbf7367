import type { BarSource } from '../ports/bar-source.js';
import { TIMEFRAME_MS, type Bar, type Gap, type Timeframe } from '../market/bars.js';
import type { BarStore } from '../ports/bar-store.js';

export interface BackfillRequest {
  readonly venue: string;
  readonly symbols: readonly string[];
  readonly timeframes: readonly Timeframe[];
  readonly days: number;
}

export interface SeriesResult {
  readonly symbol: string;
  readonly timeframe: Timeframe;
  readonly stored: number;
  readonly dropped: number;
  readonly gaps: number;
  readonly missingBars: number;
  readonly status: 'ok' | 'no_data' | 'failed' | 'canceled';
  readonly reason?: string;
}

export interface BackfillProgress {
  readonly seriesTotal: number;
  readonly seriesDone: number;
  readonly barsStored: number;
  readonly current: string | undefined;
  readonly elapsedMs: number;
  /** Undefined until a series finished and there is a pace to go by. */
  readonly etaMs: number | undefined;
}

export interface BackfillReport {
  readonly request: BackfillRequest;
  readonly series: readonly SeriesResult[];
  readonly barsStored: number;
  readonly durationMs: number;
  readonly canceled: boolean;
}

export interface BackfillDeps {
  readonly source: BarSource;
  readonly store: BarStore;
  readonly clock: () => Date;
  /** Series fetched at once; the source's limiter keeps the venue's rate. */
  readonly concurrency: number;
  readonly findGaps: (bars: readonly Bar[], symbol: string, timeframe: Timeframe, from: number, to: number) => readonly Gap[];
  readonly onProgress?: (progress: BackfillProgress) => void;
  readonly signal?: AbortSignal;
}

/**
 * Fills the bar store for every symbol × timeframe over the last `days`. The store is the
 * checkpoint: each series starts after its last stored bar, so a canceled or crashed run
 * resumes where it stopped and never stores a bar twice.
 */
export async function runBackfill(deps: BackfillDeps, request: BackfillRequest): Promise<BackfillReport> {
  const started = deps.clock().getTime();
  const to = started;
  const from = to - request.days * 86_400_000;
  const queue = request.symbols.flatMap((symbol) => request.timeframes.map((timeframe) => ({ symbol, timeframe })));
  const results: SeriesResult[] = [];
  let barsStored = 0;
  let current: string | undefined;

  const report = () => {
    const elapsedMs = deps.clock().getTime() - started;
    const done = results.length;
    const etaMs = done === 0 ? undefined : Math.round((elapsedMs / done) * (queue.length - done));
    deps.onProgress?.({ seriesTotal: queue.length, seriesDone: done, barsStored, current, elapsedMs, etaMs });
  };
  let next = 0;
  const worker = async () => {
    while (next < queue.length) {
      const job = queue[next++];
      if (job === undefined) break;
      current = `${job.symbol} ${job.timeframe}`;
      const result = await backfillSeries(deps, request.venue, job.symbol, job.timeframe, from, to, (n) => {
        barsStored += n;
        report();
      });
      results.push(result);
      report();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(deps.concurrency, queue.length)) }, worker));
  const order = (r: SeriesResult) => queue.findIndex((q) => q.symbol === r.symbol && q.timeframe === r.timeframe);
  return {
    request,
    series: results.sort((a, b) => order(a) - order(b)),
    barsStored,
    durationMs: deps.clock().getTime() - started,
    canceled: deps.signal?.aborted === true,
  };
}

async function backfillSeries(
  deps: BackfillDeps,
  venue: string,
  symbol: string,
  timeframe: Timeframe,
  from: number,
  to: number,
  onStored: (n: number) => void,
): Promise<SeriesResult> {
  const key = { venue, symbol, timeframe };
  const canceled = () => deps.signal?.aborted === true;
  let stored = 0;
  let dropped = 0;
  const result = (status: SeriesResult['status'], extra: Partial<SeriesResult> = {}): SeriesResult => ({
    symbol,
    timeframe,
    stored,
    dropped,
    gaps: 0,
    missingBars: 0,
    status,
    ...extra,
  });
  if (canceled()) return result('canceled');
  try {
    const last = await deps.store.lastTimestamp(key);
    const start = last === undefined ? from : Math.max(from, last + TIMEFRAME_MS[timeframe]);
    for await (const page of deps.source.fetchBars(symbol, timeframe, start, to, deps.signal)) {
      dropped += page.dropped;
      const { appended } = await deps.store.append(key, page.bars);
      stored += appended;
      onStored(appended);
      if (canceled()) return result('canceled');
    }
  } catch (error) {
    return canceled() ? result('canceled') : result('failed', { reason: error instanceof Error ? error.message : String(error) });
  }
  const bars = await deps.store.readRange(key, from, to);
  if (bars.length === 0) return result('no_data', { reason: 'no data at venue' });
  // Only closed bars are expected: the one still forming at `to` is no gap.
  const gaps = deps.findGaps(bars, symbol, timeframe, from, to - TIMEFRAME_MS[timeframe] + 1);
  return result('ok', { gaps: gaps.length, missingBars: gaps.reduce((n, g) => n + g.missingBars, 0) });
}
