import { countOf } from '../text/count-of.js';
import { formatSignedMoney } from '../text/format-number.js';
import { countDecisions, type DecisionCounts } from '../stats/calculate-approval-stats.js';
import type { Decimal } from '../money/decimal.js';
import type { FilledOrder, ProposalSummary } from '../ports/history-reader.js';

import { calculateRealizedPnl, markPnl, type PnlReport, type RealizedPnl } from './calculate-pnl.js';
import type { Fill } from './build-fills.js';
import type { OpenLot } from './compute-lots.js';
import { createPnlBookCache } from './pnl-book-cache.js';
import { isInRange, lastDays, resolvePnlWindow, type PnlRange, type PnlWindow } from './pnl-window.js';

export interface OutcomesDeps {
  /** Every settled order that filled anything: one array that only grows (see HistoryReader). */
  readonly settledFills: () => Promise<readonly FilledOrder[]>;
  /** Live orders that filled anything so far. */
  readonly liveFills: () => readonly FilledOrder[];
  /** Proposals created at or after `since`, live and settled. */
  readonly proposalsSince: (since: Date) => Promise<readonly ProposalSummary[]>;
  /** The latest price at the account's venue; undefined (or a failure) leaves the lot unpriced. */
  readonly marks: (accountId: string, symbol: string) => Promise<Decimal | undefined>;
  readonly clock: () => Date;
  /** Starting capital per account, for the drawdown in %. */
  readonly capital?: (accountId: string) => Decimal | undefined;
}

/** A daily or weekly summary: the same P&L numbers as /pnl, plus what was proposed and decided. */
export interface PeriodReport {
  readonly kind: 'daily' | 'weekly';
  readonly range: PnlRange;
  readonly pnl: PnlReport;
  /** Proposals created in the range and what became of them. */
  readonly approvals: DecisionCounts;
}

/**
 * Outcomes: P&L from the fills on our order records, so there is no second ledger to
 * drift. The FIFO book and the realized side are kept between calls (see
 * createBookCache): a history of 100,000 fills takes seconds to replay in exact decimals.
 */
export function createOutcomes(deps: OutcomesDeps) {
  const books = createPnlBookCache();

  async function calculate(range: PnlRange, accountId?: string): Promise<PnlReport> {
    const { fills, book, realized } = await books.get(await deps.settledFills(), deps.liveFills(), accountId);
    // Prices only for what is still held: closed symbols need none.
    const held = book.open.map((lot) => [lot.accountId, lot.symbol] as const);
    const marks = await fetchMarks(held, deps.marks);
    const options = { range, ...(deps.capital === undefined ? {} : { capital: deps.capital }) };
    // Every trade is closed by now: only the range's start changes what counts.
    const key = range.from?.toISOString() ?? 'all';
    const part = realized.get(key) ?? realized.set(key, calculateRealizedPnl(fills, book, options)).get(key);
    return markPnl(part as RealizedPnl, book.open, (id, symbol) => marks.get(markKey(id, symbol)));
  }

  async function periodReport(kind: PeriodReport['kind'], now: Date): Promise<PeriodReport> {
    const range = lastDays(kind === 'daily' ? 1 : 7, now);
    const proposals = (await deps.proposalsSince(range.from ?? new Date(0))).filter((p) => isInRange(p.createdAt, range));
    return { kind, range, pnl: await calculate(range), approvals: countDecisions(proposals) };
  }

  return {
    /** What is still open of our fills, FIFO, at cost (entry fees included): what /positions values. */
    openLots: async (): Promise<readonly OpenLot[]> => (await books.get(await deps.settledFills(), deps.liveFills(), undefined)).book.open,
    /** Our fills of one symbol at one account, oldest first: what /chart marks on the candles. */
    fillsOf: async (accountId: string, symbol: string): Promise<readonly Fill[]> =>
      (await books.get(await deps.settledFills(), deps.liveFills(), accountId)).fills.filter((f) => f.symbol === symbol),
    /** P&L over a window, for one account or all of them. */
    pnl: (window: PnlWindow, accountId?: string): Promise<PnlReport> => calculate(resolvePnlWindow(window, deps.clock()), accountId),
    /** The 24 h before `now`: a rolling day, so a report at 17:00 ET misses nothing since the last one. */
    dailyReport: (now: Date = deps.clock()): Promise<PeriodReport> => periodReport('daily', now),
    weeklyReport: (now: Date = deps.clock()): Promise<PeriodReport> => periodReport('weekly', now),
    /**
     * What the 17:00 New York outcomes_update job calls; its answer is the job's run
     * summary. Fills are already reconciled with each broker by the check_orders job
     * (engine.reconcile keeps our order records in step with the venues), so this only
     * marks what is open to the current prices and recomputes.
     */
    async update(): Promise<string> {
      const { pnl } = await periodReport('daily', deps.clock());
      const t = pnl.totals;
      const unpriced = pnl.unpriced.length === 0 ? '' : `; ${countOf(pnl.unpriced.length, 'open position')} without a price`;
      return `last 24 h: ${countOf(t.trades, 'trade')}, realized ${formatSignedMoney(t.realized)}, unrealized ${formatSignedMoney(t.unrealized)} (after entry fees)${unpriced}`;
    },
  };
}

export type Outcomes = ReturnType<typeof createOutcomes>;

const markKey = (accountId: string, symbol: string) => `${accountId}\u0000${symbol}`;


/** One price per account and symbol, asked in parallel; a failing venue leaves its lots unpriced. */
async function fetchMarks(
  pairs: readonly (readonly [string, string])[],
  marks: OutcomesDeps['marks'],
): Promise<Map<string, Decimal | undefined>> {
  const unique = new Map(pairs.map(([accountId, symbol]) => [markKey(accountId, symbol), { accountId, symbol }]));
  const ask = (accountId: string, symbol: string) =>
    Promise.resolve()
      .then(() => marks(accountId, symbol))
      .catch(() => undefined);
  const entries = await Promise.all([...unique].map(async ([key, { accountId, symbol }]) => [key, await ask(accountId, symbol)] as const));
  return new Map(entries);
}
