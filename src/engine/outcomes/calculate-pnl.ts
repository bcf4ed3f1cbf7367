import type { Decimal } from '../money/decimal.js';
import type { Fill, FillSource } from './build-fills.js';
import { calculatePnlStats, cumulative, sortEvents, withUnrealized, type PnlStats, type RealizedEvent } from './calculate-pnl-stats.js';
import { calculateUnrealized } from './calculate-unrealized.js';
import { computeLots, type ClosedTrade, type LotBook, type OpenLot, type UnmatchedSell } from './compute-lots.js';
import { exact, sum, ZERO } from './exact-decimal.js';
import { isInRange, type PnlRange } from './pnl-window.js';

/** The price an open position is valued at; undefined when none is known. */
export type Marks = (accountId: string, symbol: string) => Decimal | undefined;

export interface PnlOptions {
  /** Which closed trades (and fees) count; open lots are valued at the marks whatever the range. */
  readonly range?: PnlRange;
  /** Each account's starting capital, for the drawdown in %. */
  readonly capital?: (accountId: string) => Decimal | undefined;
}

export interface MarkedLot extends OpenLot {
  readonly mark: Decimal | undefined;
  /** See calculateUnrealized: entry fees included; undefined without a mark. */
  readonly unrealized: Decimal | undefined;
}

export interface EquityPoint {
  readonly at: string;
  /** Cumulative realized P&L since the start of the range; plus unrealized at the `mark` point. */
  readonly pnl: Decimal;
  readonly kind: 'start' | 'trade' | 'mark';
}

export interface PnlReport {
  readonly range: PnlRange | undefined;
  readonly totals: PnlStats;
  readonly byAccount: Readonly<Record<string, PnlStats>>;
  /** Realized P&L goes to the source that opened the lots; fees to each fill's own source. */
  readonly bySource: Readonly<Record<string, PnlStats>>;
  /** Closed in the range, oldest first. */
  readonly trades: readonly ClosedTrade[];
  readonly open: readonly MarkedLot[];
  /** Open quantity without a mark: left out of unrealized. */
  readonly unpriced: readonly { readonly accountId: string; readonly symbol: string; readonly quantity: Decimal }[];
  readonly unmatched: readonly UnmatchedSell[];
  readonly curve: readonly EquityPoint[];
}

/** A group's realized side: closed trades and fees, without prices. */
interface RealizedSlice {
  readonly events: RealizedEvent[];
  readonly fills: Fill[];
  stats?: PnlStats;
}

/**
 * Everything of a report that does not depend on prices. It only changes when a fill
 * does, so a caller may keep it and mark it to market again with fresh prices.
 */
export interface RealizedPnl {
  readonly range: PnlRange | undefined;
  readonly trades: readonly ClosedTrade[];
  readonly all: RealizedSlice;
  readonly accounts: ReadonlyMap<string, RealizedSlice>;
  readonly sources: ReadonlyMap<FillSource, RealizedSlice>;
  readonly totals: PnlStats;
  readonly unmatched: readonly UnmatchedSell[];
  readonly firstFillAt: string | undefined;
  readonly lastFillAt: string | undefined;
  readonly capital: PnlOptions['capital'];
  readonly accountIds: readonly string[];
}

/**
 * Realized P&L per closed trade (FIFO lots, fees included), unrealized P&L on what is
 * still open at the marks, and the statistics, in total, by account and by source.
 * Lots opened before the range still count for FIFO: only the trades closed in it do.
 * `book` is `computeLots(fills)`, passed in when the caller already has it.
 */
export function calculatePnl(fills: readonly Fill[], marks: Marks, options: PnlOptions = {}, book: LotBook = computeLots(fills)): PnlReport {
  return markPnl(calculateRealizedPnl(fills, book, options), book.open, marks);
}

/** The price-independent part of calculatePnl. */
export function calculateRealizedPnl(fills: readonly Fill[], book: LotBook, options: PnlOptions = {}): RealizedPnl {
  const { range } = options;
  const trades = book.trades.filter((t) => isInRange(t.closedAt, range)).sort((a, b) => a.closedAt.localeCompare(b.closedAt));
  const fillsInRange = fills.filter((f) => isInRange(f.at, range));
  const all: RealizedSlice = { events: trades.map((t) => ({ at: t.closedAt, realized: t.realized })), fills: fillsInRange };
  const accounts = new Map<string, RealizedSlice>();
  const sources = new Map<FillSource, RealizedSlice>();
  const at = <K>(map: Map<K, RealizedSlice>, key: K) => map.get(key) ?? map.set(key, { events: [], fills: [] }).get(key) as RealizedSlice;
  for (const t of trades) {
    at(accounts, t.accountId).events.push({ at: t.closedAt, realized: t.realized });
    for (const p of t.pieces) at(sources, p.source).events.push({ at: t.closedAt, realized: p.realized });
  }
  for (const fill of fillsInRange) {
    at(accounts, fill.accountId).fills.push(fill);
    at(sources, fill.source).fills.push(fill);
  }
  // Groups that only hold open lots get their (empty) realized side when marked.
  for (const lot of book.open) {
    at(accounts, lot.accountId);
    at(sources, lot.source);
  }
  const accountIds = [...new Set(fills.map((f) => f.accountId))];
  const realizedStats = (slice: RealizedSlice, capital: Decimal | undefined) =>
    (slice.stats ??= calculatePnlStats({ events: slice.events, unrealized: ZERO, fees: sum(slice.fills.map((f) => f.fee)), capital }));
  for (const [id, slice] of accounts) realizedStats(slice, capitalOf(options.capital, [id]));
  for (const slice of sources.values()) realizedStats(slice, undefined);
  const times = fills.map((f) => f.at).sort();
  return {
    range,
    trades,
    all,
    accounts,
    sources,
    totals: realizedStats(all, capitalOf(options.capital, accountIds)),
    unmatched: book.unmatched.filter((u) => isInRange(u.at, range)),
    firstFillAt: times[0],
    lastFillAt: times.at(-1),
    capital: options.capital,
    accountIds,
  };
}

/** The realized part, with the open lots valued at the marks. */
export function markPnl(realized: RealizedPnl, openLots: readonly OpenLot[], marks: Marks): PnlReport {
  const open = openLots.map((lot): MarkedLot => {
    const raw = marks(lot.accountId, lot.symbol);
    const mark = raw === undefined ? undefined : exact(raw);
    return { ...lot, mark, unrealized: mark === undefined ? undefined : calculateUnrealized(lot, mark) };
  });
  const unrealizedOf = (lots: readonly MarkedLot[]) => sum(lots.flatMap((l) => (l.unrealized === undefined ? [] : [l.unrealized])));
  const marked = <K extends string>(slices: ReadonlyMap<K, RealizedSlice>, keyOf: (lot: MarkedLot) => K) =>
    Object.fromEntries(
      [...slices.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([key, slice]) => [key, withUnrealized(slice.stats as PnlStats, unrealizedOf(open.filter((lot) => keyOf(lot) === key)))]),
    );
  const totals = withUnrealized(realized.totals, unrealizedOf(open));
  return {
    range: realized.range,
    totals,
    byAccount: marked(realized.accounts, (lot) => lot.accountId),
    bySource: marked(realized.sources, (lot) => lot.source),
    trades: realized.trades,
    open,
    unpriced: findUnpriced(open),
    unmatched: realized.unmatched,
    curve: buildCurve(realized, totals),
  };
}

function capitalOf(capital: PnlOptions['capital'], accounts: readonly string[]): Decimal | undefined {
  if (capital === undefined) return undefined;
  const amounts = accounts.map((id) => capital(id));
  return amounts.length === 0 || amounts.some((a) => a === undefined) ? undefined : sum(amounts as Decimal[]);
}

function findUnpriced(open: readonly MarkedLot[]): PnlReport['unpriced'] {
  const byKey = new Map<string, { accountId: string; symbol: string; quantity: Decimal }>();
  for (const lot of open) {
    if (lot.mark !== undefined || lot.quantity.isZero()) continue;
    const key = `${lot.accountId}\u0000${lot.symbol}`;
    const entry = byKey.get(key) ?? { accountId: lot.accountId, symbol: lot.symbol, quantity: ZERO };
    byKey.set(key, { ...entry, quantity: entry.quantity.plus(lot.quantity) });
  }
  return [...byKey.values()];
}

/** Start at 0, a step per closed trade, and the end valued at the marks. */
function buildCurve(realized: RealizedPnl, totals: PnlStats): EquityPoint[] {
  const { range } = realized;
  const sorted = sortEvents(realized.all.events);
  const start = range?.from?.toISOString() ?? realized.firstFillAt;
  if (start === undefined) return [];
  const values = cumulative(sorted.map((e) => e.realized));
  const points: EquityPoint[] = [{ at: start, pnl: ZERO, kind: 'start' }];
  sorted.forEach((e, i) => points.push({ at: e.at, pnl: values[i + 1] ?? ZERO, kind: 'trade' }));
  const end = range?.to.toISOString() ?? realized.lastFillAt ?? start;
  points.push({ at: end, pnl: totals.total, kind: 'mark' });
  return points;
}
