import type { BarSource } from '../ports/bar-source.js';
import { TIMEFRAME_MS, type Bar, type Gap, type Timeframe } from '../market/bars.js';
import type { BarStore } from '../ports/bar-store.js';
import type { BackfillPace } from './backfill-pace.js';
import { createProgressTracker } from './create-progress-tracker.js';
import { planBackfill, type SeriesPlan } from './plan-backfill.js';

export interface BackfillRequest {
  readonly venue: string;
  readonly symbols: readonly string[];
  readonly timeframes: readonly Timeframe[];
  readonly days: number;
}

export interface SeriesResult {
  readonly symbol: string;
  readonly timeframe: Timeframe;
  /** Bars this job stored for the series, over every run of it (a restart resumes the job). */
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
  /** Over every run of the job, like the report's. */
  readonly barsStored: number;
  /** 0…1, by the bars expected in the time covered so far (see create-progress-tracker.ts). */
  readonly share: number;
  readonly current: string | undefined;
  readonly elapsedMs: number;
  /** Undefined until a page is in and there is a pace to go by. */
  readonly etaMs: number | undefined;
}

export interface BackfillReport {
  readonly request: BackfillRequest;
  readonly series: readonly SeriesResult[];
  /** Over every run of the job: what the store holds now that it did not before the job. */
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
  /** Weighs the progress; default: bars only in each market's hours. */
  readonly pace?: Pick<BackfillPace, 'alwaysOpen'>;
  readonly onProgress?: (progress: BackfillProgress) => void;
  readonly signal?: AbortSignal;
}

export interface BackfillRunOptions {
  /** Bars per series (see seriesName) when the job first started: a resumed job counts from there. */
  readonly storedBefore?: Readonly<Record<string, number>>;
}

/** How a series is named in progress lines and in a job's record: `BTC/USDT 1h`. */
export const seriesName = (symbol: string, timeframe: Timeframe) => `${symbol} ${timeframe}`;

/** Bars each series of the request holds now, by series name: a job's starting point. */
export async function countStored(store: Pick<BarStore, 'count'>, request: BackfillRequest): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const symbol of request.symbols) {
    for (const timeframe of request.timeframes) counts[seriesName(symbol, timeframe)] = await store.count({ venue: request.venue, symbol, timeframe });
  }
  return counts;
}

/**
 * Fills the bar store for every symbol × timeframe over the last `days`: older history
 * before what is stored, holes, and what is newer. The store is the checkpoint: only what
 * it lacks is fetched (see plan-backfill.ts), so a canceled or crashed run resumes where
 * it stopped and never stores a bar twice.
 */
export async function runBackfill(deps: BackfillDeps, request: BackfillRequest, options: BackfillRunOptions = {}): Promise<BackfillReport> {
  const started = deps.clock().getTime();
  const plan = await planBackfill(deps.store, request, started, deps.pace ?? { alwaysOpen: false });
  const now = await countStored(deps.store, request);
  const earlier = (name: string) => Math.max(0, (now[name] ?? 0) - (options.storedBefore?.[name] ?? now[name] ?? 0));
  const earlierBars = Object.keys(now).reduce((n, name) => n + earlier(name), 0);
  const tracker = createProgressTracker({ plan, earlierBars, clock: deps.clock, ...(deps.onProgress === undefined ? {} : { onProgress: deps.onProgress }) });
  // Shown at once: the message turns into a progress bar before the first page is in.
  tracker.emit();
  const results: SeriesResult[] = [];
  let next = 0;
  const worker = async () => {
    while (next < plan.series.length) {
      const index = next++;
      const series = plan.series[index] as SeriesPlan;
      tracker.startSeries(series);
      const result = await backfillSeries(deps, request.venue, series, { from: plan.from, to: plan.to }, (range, upTo, bars) => tracker.stored(index, range, upTo, bars));
      results[index] = { ...result, stored: result.stored + earlier(seriesName(series.symbol, series.timeframe)) };
      // A series a cancel cut short is not done: the last progress must not read 100 %.
      if (result.status !== 'canceled') tracker.finishSeries(index);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(deps.concurrency, plan.series.length)) }, worker));
  return {
    request,
    series: results,
    barsStored: tracker.barsStored(),
    durationMs: deps.clock().getTime() - started,
    canceled: deps.signal?.aborted === true,
  };
}

async function backfillSeries(
  deps: BackfillDeps,
  venue: string,
  series: SeriesPlan,
  window: { from: number; to: number },
  onStored: (range: number, upTo: number, bars: number) => void,
): Promise<SeriesResult> {
  const { symbol, timeframe } = series;
  const key = { venue, symbol, timeframe };
  const canceled = () => deps.signal?.aborted === true;
  let stored = 0;
  let dropped = 0;
  const result = (status: SeriesResult['status'], extra: Partial<SeriesResult> = {}): SeriesResult => ({ symbol, timeframe, stored, dropped, gaps: 0, missingBars: 0, status, ...extra });
  if (canceled()) return result('canceled');
  try {
    for (const [index, range] of series.ranges.entries()) {
      for await (const page of deps.source.fetchBars(symbol, timeframe, range.from, range.to, deps.signal)) {
        dropped += page.dropped;
        // insert, not append: older history and holes land in order before what is stored.
        const { appended } = await deps.store.insert(key, page.bars);
        stored += appended;
        const last = page.bars.at(-1);
        onStored(index, last === undefined ? range.from : last.t + TIMEFRAME_MS[timeframe], appended);
        if (canceled()) return result('canceled');
      }
    }
  } catch (error) {
    return canceled() ? result('canceled') : result('failed', { reason: error instanceof Error ? error.message : String(error) });
  }
  const bars = await deps.store.readRange(key, window.from, window.to);
  if (bars.length === 0) return result('no_data', { reason: 'no data at venue' });
  // Only closed bars are expected: the one still forming at `to` is no gap.
  const gaps = deps.findGaps(bars, symbol, timeframe, window.from, window.to - TIMEFRAME_MS[timeframe] + 1);
  return result('ok', { gaps: gaps.length, missingBars: gaps.reduce((n, g) => n + g.missingBars, 0) });
}
