import type { Decimal } from '../money/decimal.js';
import type { Fill, FillSource } from './build-fills.js';
import { exact, proRata, sum, ZERO } from './exact-decimal.js';

/** What is left of one buy fill. `cost` includes the buy fee's share of what is left. */
export interface OpenLot {
  readonly accountId: string;
  readonly symbol: string;
  readonly source: FillSource;
  readonly proposalId: string;
  readonly openedAt: string;
  readonly quantity: Decimal;
  readonly cost: Decimal;
}

/** The part of a trade that closed lots of one source (the source that opened them). */
export interface TradePiece {
  readonly source: FillSource;
  readonly quantity: Decimal;
  readonly cost: Decimal;
  readonly proceeds: Decimal;
  readonly realized: Decimal;
}

/**
 * The part of a trade that closed lots one buy proposal opened: research credits an
 * executed idea with what selling its own lots realized. Its proceeds are its share of
 * the trade's (by quantity), so the parts add up to the trade's realized P&L.
 */
export interface OpenedPart {
  readonly proposalId: string;
  readonly quantity: Decimal;
  readonly realized: Decimal;
}

/**
 * One sell fill and the lots it closed: `cost` carries the buy fees of those lots,
 * `proceeds` is net of the sell fee, `realized` = proceeds − cost.
 */
export interface ClosedTrade {
  readonly accountId: string;
  readonly symbol: string;
  readonly proposalId: string;
  readonly closedAt: string;
  readonly quantity: Decimal;
  readonly price: Decimal;
  readonly cost: Decimal;
  readonly proceeds: Decimal;
  readonly realized: Decimal;
  /** By the source that opened the lots, so a strategy is credited with its own entries. */
  readonly pieces: readonly TradePiece[];
  /** By the buy proposal that opened the lots, oldest first. */
  readonly opened: readonly OpenedPart[];
}

/** Sold beyond what our own buys hold (e.g. a position from before the bot): no cost known, no P&L. */
export interface UnmatchedSell {
  readonly accountId: string;
  readonly symbol: string;
  readonly proposalId: string;
  readonly at: string;
  readonly quantity: Decimal;
}

export interface LotBook {
  readonly trades: readonly ClosedTrade[];
  readonly open: readonly OpenLot[];
  readonly unmatched: readonly UnmatchedSell[];
}

interface MutableLot {
  readonly fill: Fill;
  quantity: Decimal;
  cost: Decimal;
}

const orderKey = (f: Fill) => f.placedAt ?? f.at;
const compareFills = (a: Fill, b: Fill) => orderKey(a).localeCompare(orderKey(b)) || a.at.localeCompare(b.at);

/** Fills in FIFO order: by placement time, then fill time. */
export function sortFills(fills: readonly Fill[]): Fill[] {
  return [...fills].sort(compareFills);
}

/**
 * FIFO lots per account and symbol: each sell consumes the oldest buy lots first. A
 * partly consumed lot keeps the rest of its cost, so over a lot's life the consumed and
 * remaining costs add up to quantity × price + fee exactly.
 */
export function computeLots(fills: readonly Fill[]): LotBook {
  const ledger = createLotLedger();
  for (const fill of sortFills(fills)) ledger.apply(fill);
  return ledger.book();
}

export interface LotLedger {
  /**
   * Adds the next fill in FIFO order. Returns false, and changes nothing, for a fill that
   * sorts before one already applied: FIFO then needs a replay from the start.
   */
  apply(fill: Fill): boolean;
  /** The trades so far (oldest first), the open lots and the unmatched sells. */
  book(): LotBook;
  /** An independent copy, to apply fills that may still change (live orders) on top. */
  fork(): LotLedger;
}

/** The FIFO book built one fill at a time, so a long history is replayed once, not per call. */
export function createLotLedger(): LotLedger {
  return ledgerFrom(new Map(), [], [], undefined);
}

function ledgerFrom(books: Map<string, MutableLot[]>, trades: ClosedTrade[], unmatched: UnmatchedSell[], last: Fill | undefined): LotLedger {
  return {
    apply(raw) {
      if (last !== undefined && compareFills(raw, last) < 0) return false;
      // Fills may come with plain decimals (tests, callers): lift them to the exact precision.
      const fill: Fill = { ...raw, quantity: exact(raw.quantity), price: exact(raw.price), fee: exact(raw.fee) };
      last = fill;
      const key = `${fill.accountId}\u0000${fill.symbol}`;
      const lots = books.get(key) ?? [];
      books.set(key, lots);
      if (fill.side === 'buy') {
        lots.push({ fill, quantity: fill.quantity, cost: fill.quantity.mul(fill.price).plus(fill.fee) });
        return true;
      }
      const { trade, left } = closeLots(fill, lots);
      if (trade !== undefined) trades.push(trade);
      if (left.gt(0)) unmatched.push({ accountId: fill.accountId, symbol: fill.symbol, proposalId: fill.proposalId, at: fill.at, quantity: left });
      return true;
    },
    book: () => ({ trades, open: [...books.values()].flat().map(toOpenLot), unmatched }),
    fork: () => ledgerFrom(new Map([...books].map(([key, lots]) => [key, lots.map((lot) => ({ ...lot }))])), [...trades], [...unmatched], last),
  };
}

function toOpenLot(lot: MutableLot): OpenLot {
  return {
    accountId: lot.fill.accountId,
    symbol: lot.fill.symbol,
    source: lot.fill.source,
    proposalId: lot.fill.proposalId,
    openedAt: lot.fill.at,
    quantity: lot.quantity,
    cost: lot.cost,
  };
}

/** Consumes lots (mutating them) for one sell; returns the trade and the quantity no lot covered. */
function closeLots(sell: Fill, lots: MutableLot[]): { trade: ClosedTrade | undefined; left: Decimal } {
  let left = sell.quantity;
  const consumed = new Map<FillSource, { quantity: Decimal; cost: Decimal }>();
  const byProposal = new Map<string, { quantity: Decimal; cost: Decimal }>();
  while (left.gt(0) && lots.length > 0) {
    const lot = lots[0] as MutableLot;
    const take = smaller(left, lot.quantity);
    const cost = proRata(lot.cost, take, lot.quantity);
    lot.quantity = lot.quantity.minus(take);
    lot.cost = lot.cost.minus(cost);
    left = left.minus(take);
    if (lot.quantity.isZero()) lots.shift();
    const piece = consumed.get(lot.fill.source) ?? { quantity: ZERO, cost: ZERO };
    consumed.set(lot.fill.source, { quantity: piece.quantity.plus(take), cost: piece.cost.plus(cost) });
    const part = byProposal.get(lot.fill.proposalId) ?? { quantity: ZERO, cost: ZERO };
    byProposal.set(lot.fill.proposalId, { quantity: part.quantity.plus(take), cost: part.cost.plus(cost) });
  }
  const matched = sell.quantity.minus(left);
  if (matched.isZero()) return { trade: undefined, left };
  // The sell fee is shared between the matched part and any unmatched rest, then between
  // the pieces, each time with the remainder on the last share so nothing is lost.
  const fee = proRata(sell.fee, matched, sell.quantity);
  const pieces: TradePiece[] = [];
  let feeLeft = fee;
  let quantityLeft = matched;
  for (const [source, part] of consumed) {
    const pieceFee = proRata(feeLeft, part.quantity, quantityLeft);
    feeLeft = feeLeft.minus(pieceFee);
    quantityLeft = quantityLeft.minus(part.quantity);
    const proceeds = part.quantity.mul(sell.price).minus(pieceFee);
    pieces.push({ source, quantity: part.quantity, cost: part.cost, proceeds, realized: proceeds.minus(part.cost) });
  }
  const cost = sum(pieces.map((p) => p.cost));
  const proceeds = sum(pieces.map((p) => p.proceeds));
  const trade: ClosedTrade = {
    accountId: sell.accountId,
    symbol: sell.symbol,
    proposalId: sell.proposalId,
    closedAt: sell.at,
    quantity: matched,
    price: sell.price,
    cost,
    proceeds,
    realized: proceeds.minus(cost),
    pieces,
    opened: openedParts(byProposal, proceeds, matched),
  };
  return { trade, left };
}

/** Each opening proposal's share of the proceeds, the remainder on the last so none is lost. */
function openedParts(byProposal: ReadonlyMap<string, { quantity: Decimal; cost: Decimal }>, proceeds: Decimal, matched: Decimal): OpenedPart[] {
  const parts: OpenedPart[] = [];
  let proceedsLeft = proceeds;
  let quantityLeft = matched;
  for (const [proposalId, part] of byProposal) {
    const share = proRata(proceedsLeft, part.quantity, quantityLeft);
    proceedsLeft = proceedsLeft.minus(share);
    quantityLeft = quantityLeft.minus(part.quantity);
    parts.push({ proposalId, quantity: part.quantity, realized: share.minus(part.cost) });
  }
  return parts;
}

const smaller = (a: Decimal, b: Decimal): Decimal => (a.lte(b) ? a : b);
