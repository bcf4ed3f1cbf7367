import type { ProposeInput, ProposeResult } from '../proposals/create-proposal.js';
import type { Bar, Timeframe } from '../market/bars.js';
import type { BarStore } from '../ports/bar-store.js';
import type { Strategy, StrategyInput } from '../strategies/strategy.js';
import { getFreshBars } from './get-fresh-bars.js';
import { pickStrongest } from './pick-strongest.js';
import { toProposeInput, type ScanCandidate } from './to-propose-input.js';

/** What the account holds of one symbol; `entries` counts the buys that built it, when known. */
export interface HeldPosition {
  readonly quantity: number;
  readonly averagePrice?: number;
  readonly entries?: number;
}

export interface ScanDeps {
  readonly bars: Pick<BarStore, 'readLast'>;
  readonly strategies: readonly Strategy[];
  /** Runs the gates and records the decision: createProposal bound to its deps. */
  readonly propose: (input: ProposeInput) => Promise<ProposeResult>;
  readonly positions: (accountId: string, symbol: string) => HeldPosition | Promise<HeldPosition>;
  /** True when a proposal for this symbol and side already awaits approval: asking again adds nothing. */
  readonly hasPending?: (accountId: string, symbol: string, side: 'buy' | 'sell') => boolean;
  readonly clock: () => Date;
}

export interface ScanRequest {
  readonly accountId: string;
  /** The bar store's venue key: `sim`, `alpaca`, `ccxt:<exchange id>`. */
  readonly venue: string;
  readonly symbols: readonly string[];
  readonly timeframes: readonly Timeframe[];
  /** Quote currency each buy spends, a plain decimal: no default, it is real money. */
  readonly notionalPerTrade: string;
  /** Bars read per series; default 500. */
  readonly barsPerSeries?: number;
  /** Fresh: the last closed bar closed within this many timeframes of now; default 2. */
  readonly maxBarAgeFactor?: number;
}

/** Something that failed for one symbol or series; the scan carries on with the rest. */
export interface ScanFailure {
  readonly symbol: string;
  readonly timeframe?: Timeframe;
  readonly stage: 'positions' | 'bars' | 'strategy' | 'propose';
  readonly strategy?: string;
  readonly error: unknown;
}

/** Why a signal was not sent through the gates. */
export type ScanSkip =
  /** Another signal for the same symbol and side was stronger (one proposal per symbol and side). */
  | 'weaker_signal'
  /** A proposal for the same symbol and side already awaits approval. */
  | 'already_pending'
  /** A sell with nothing held: it would open a short. */
  | 'nothing_to_sell'
  /** The proposal was refused before the gates (e.g. no price for the symbol). */
  | 'invalid';

export interface ScanSummary {
  readonly symbolsScanned: number;
  /** Series read, stale ones included. */
  readonly seriesScanned: number;
  /** Series skipped because their last bar was too old (or there were none): no strategy ran. */
  readonly stale: number;
  /**
   * Every signal the strategies gave. Each ends in exactly one place, so
   * signals = proposed + Σ blocked + Σ skipped + failed.
   */
  readonly signals: number;
  readonly proposed: number;
  /** Blocked proposals by the gate that blocked them. */
  readonly blocked: Readonly<Record<string, number>>;
  /** Signals not sent through the gates, by why. */
  readonly skipped: Readonly<Partial<Record<ScanSkip, number>>>;
  /** Signals whose proposing failed (each is in `failures` too). */
  readonly failed: number;
  readonly failures: readonly ScanFailure[];
  readonly durationMs: number;
}

/** Σ of a count record: how many were blocked or skipped in all. */
export function totalOf(counts: Readonly<Record<string, number | undefined>>): number {
  return Object.values(counts).reduce<number>((n, c) => n + (c ?? 0), 0);
}

export const DEFAULT_BARS_PER_SERIES = 500;
export const DEFAULT_MAX_BAR_AGE_FACTOR = 2;

type Tally = { -readonly [K in keyof Omit<ScanSummary, 'durationMs' | 'blocked' | 'skipped' | 'failures'>]: ScanSummary[K] } & {
  blocked: Record<string, number>;
  skipped: Partial<Record<ScanSkip, number>>;
  failures: ScanFailure[];
};

const skip = (tally: Tally, why: ScanSkip) => {
  tally.skipped[why] = (tally.skipped[why] ?? 0) + 1;
};

interface SeriesJob {
  readonly symbol: string;
  readonly timeframe: Timeframe;
  readonly position: HeldPosition;
  readonly now: Date;
}

/**
 * One pass over a watchlist: every fresh series through every strategy, the strongest
 * signal per symbol and side turned into a market order idea and sent through the gates.
 * Stale data never reaches a strategy. Every signal is accounted for: proposed, blocked
 * (by which gate), skipped (why) or failed; a failing read or proposal is recorded and
 * the scan goes on.
 */
export async function scanWatchlist(deps: ScanDeps, request: ScanRequest): Promise<ScanSummary> {
  checkRequest(request);
  const startedAt = deps.clock();
  const tally: Tally = { symbolsScanned: 0, seriesScanned: 0, stale: 0, signals: 0, proposed: 0, blocked: {}, skipped: {}, failed: 0, failures: [] };
  const best = new Map<string, ScanCandidate>();
  const held = new Map<string, number>();
  for (const symbol of new Set(request.symbols)) {
    tally.symbolsScanned++;
    let position: HeldPosition;
    try {
      position = await deps.positions(request.accountId, symbol);
    } catch (error) {
      tally.failures.push({ symbol, stage: 'positions', error });
      continue;
    }
    held.set(symbol, position.quantity);
    for (const timeframe of new Set(request.timeframes)) {
      await scanSeries(deps, request, { symbol, timeframe, position, now: startedAt }, tally, best);
    }
  }
  for (const candidate of best.values()) await proposeCandidate(deps, request, candidate, held.get(candidate.symbol) ?? 0, tally);
  return { ...tally, durationMs: deps.clock().getTime() - startedAt.getTime() };
}

async function scanSeries(deps: ScanDeps, request: ScanRequest, job: SeriesJob, tally: Tally, best: Map<string, ScanCandidate>): Promise<void> {
  const { symbol, timeframe } = job;
  let bars: Bar[];
  try {
    bars = await deps.bars.readLast({ venue: request.venue, symbol, timeframe }, request.barsPerSeries ?? DEFAULT_BARS_PER_SERIES);
  } catch (error) {
    tally.failures.push({ symbol, timeframe, stage: 'bars', error });
    return;
  }
  tally.seriesScanned++;
  const fresh = getFreshBars(bars, timeframe, job.now, request.maxBarAgeFactor ?? DEFAULT_MAX_BAR_AGE_FACTOR);
  if (fresh === undefined) {
    tally.stale++;
    return;
  }
  const input: StrategyInput = {
    symbol,
    timeframe,
    bars: fresh,
    positionQuantity: job.position.quantity,
    ...(job.position.averagePrice === undefined ? {} : { positionAveragePrice: job.position.averagePrice }),
    ...(job.position.entries === undefined ? {} : { positionEntries: job.position.entries }),
  };
  for (const strategy of deps.strategies) {
    try {
      const signal = strategy.evaluate(input);
      if (signal === undefined) continue;
      tally.signals++;
      // Of two signals for one symbol and side, one is proposed and the other skipped.
      if (pickStrongest(best, { symbol, timeframe, strategy: strategy.name, signal }) !== 'kept') skip(tally, 'weaker_signal');
    } catch (error) {
      tally.failures.push({ symbol, timeframe, stage: 'strategy', strategy: strategy.name, error });
    }
  }
}

async function proposeCandidate(deps: ScanDeps, request: ScanRequest, candidate: ScanCandidate, heldQuantity: number, tally: Tally): Promise<void> {
  const input = toProposeInput(candidate, request, heldQuantity);
  if (input === undefined) return skip(tally, 'nothing_to_sell');
  if (deps.hasPending?.(request.accountId, candidate.symbol, candidate.signal.side) === true) return skip(tally, 'already_pending');
  try {
    const result = await deps.propose(input);
    if (result.kind === 'proposed') tally.proposed++;
    else if (result.kind === 'invalid') skip(tally, 'invalid');
    // A venue that cannot be asked is a failure of this candidate, told in the summary.
    else if (result.kind === 'unreachable') throw result.error;
    else {
      const gate = result.trace.blockedBy ?? 'unknown';
      tally.blocked[gate] = (tally.blocked[gate] ?? 0) + 1;
    }
  } catch (error) {
    const { symbol, timeframe, strategy } = candidate;
    tally.failed++;
    tally.failures.push({ symbol, timeframe, stage: 'propose', strategy, error });
  }
}

function checkRequest(request: ScanRequest): void {
  const bars = request.barsPerSeries ?? DEFAULT_BARS_PER_SERIES;
  const factor = request.maxBarAgeFactor ?? DEFAULT_MAX_BAR_AGE_FACTOR;
  if (!Number.isInteger(bars) || bars < 1) throw new RangeError(`barsPerSeries must be a whole number ≥ 1, got ${bars}`);
  if (!(factor >= 0)) throw new RangeError(`maxBarAgeFactor must be 0 or more, got ${factor}`);
}
