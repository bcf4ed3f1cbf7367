import type { Decimal } from '../money/decimal.js';
import type { Fill, FillSource } from './build-fills.js';
import { calculatePnlStats, cumulative, sortEvents, type PnlStats, type RealizedEvent } from './calculate-pnl-stats.js';
import { computeLots, type ClosedTrade, type OpenLot, type UnmatchedSell } from './compute-lots.js';
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
  /** quantity × mark − cost (buy fees included); undefined without a mark. */
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

interface Slice {
  readonly events: RealizedEvent[];
  readonly open: MarkedLot[];
  readonly fills: Fill[];
}

/**
 * Realized P&L per closed trade (FIFO lots, fees included), unrealized P&L on what is
 * still open at the marks, and the statistics, in total, by account and by source.
 * Lots opened before the range still count for FIFO: only the trades closed in it do.
 */
export function calculatePnl(fills: readonly Fill[], marks: Marks, options: PnlOptions = {}): PnlReport {
  const { range } = options;
  const book = computeLots(fills);
  const trades = book.trades.filter((t) => isInRange(t.closedAt, range)).sort((a, b) => a.closedAt.localeCompare(b.closedAt));
  const open = book.open.map((lot): MarkedLot => {
    const raw = marks(lot.accountId, lot.symbol);
    const mark = raw === undefined ? undefined : exact(raw);
    return { ...lot, mark, unrealized: mark === undefined ? undefined : lot.quantity.mul(mark).minus(lot.cost) };
  });
  const fillsInRange = fills.filter((f) => isInRange(f.at, range));
  const capitalOf = (accounts: Iterable<string>): Decimal | undefined => {
    if (options.capital === undefined) return undefined;
    const amounts = [...new Set(accounts)].map((id) => options.capital?.(id));
    return amounts.length === 0 || amounts.some((a) => a === undefined) ? undefined : sum(amounts as Decimal[]);
  };
  const statsOf = (slice: Slice, capital: Decimal | undefined): PnlStats =>
    calculatePnlStats({
      events: slice.events,
      unrealized: sum(slice.open.flatMap((l) => (l.unrealized === undefined ? [] : [l.unrealized]))),
      fees: sum(slice.fills.map((f) => f.fee)),
      capital,
    });

  const all: Slice = { events: trades.map((t) => ({ at: t.closedAt, realized: t.realized })), open, fills: fillsInRange };
  const accounts = group<string>();
  const sources = group<FillSource>();
  for (const t of trades) {
    accounts.at(t.accountId).events.push({ at: t.closedAt, realized: t.realized });
    for (const p of t.pieces) sources.at(p.source).events.push({ at: t.closedAt, realized: p.realized });
  }
  for (const lot of open) {
    accounts.at(lot.accountId).open.push(lot);
    sources.at(lot.source).open.push(lot);
  }
  for (const fill of fillsInRange) {
    accounts.at(fill.accountId).fills.push(fill);
    sources.at(fill.source).fills.push(fill);
  }
  const totals = statsOf(all, capitalOf(fills.map((f) => f.accountId)));
  return {
    range,
    totals,
    byAccount: Object.fromEntries([...accounts.entries()].map(([id, slice]) => [id, statsOf(slice, capitalOf([id]))])),
    bySource: Object.fromEntries([...sources.entries()].map(([source, slice]) => [source, statsOf(slice, undefined)])),
    trades,
    open,
    unpriced: findUnpriced(open),
    unmatched: book.unmatched.filter((u) => isInRange(u.at, range)),
    curve: buildCurve(all.events, totals, range, fills),
  };
}

function group<K extends string>() {
  const slices = new Map<K, Slice>();
  return {
    at(key: K): Slice {
      const slice = slices.get(key) ?? { events: [], open: [], fills: [] };
      slices.set(key, slice);
      return slice;
    },
    entries: () => [...slices.entries()].sort(([a], [b]) => a.localeCompare(b)),
  };
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
function buildCurve(events: readonly RealizedEvent[], totals: PnlStats, range: PnlRange | undefined, fills: readonly Fill[]): EquityPoint[] {
  const sorted = sortEvents(events);
  const firstFill = fills.map((f) => f.at).sort()[0];
  const start = range?.from?.toISOString() ?? firstFill;
  if (start === undefined) return [];
  const values = cumulative(sorted.map((e) => e.realized));
  const points: EquityPoint[] = [{ at: start, pnl: ZERO, kind: 'start' }];
  sorted.forEach((e, i) => points.push({ at: e.at, pnl: values[i + 1] ?? ZERO, kind: 'trade' }));
  const end = range?.to.toISOString() ?? [...fills.map((f) => f.at)].sort().at(-1) ?? start;
  points.push({ at: end, pnl: totals.total, kind: 'mark' });
  return points;
}
