import type { FilledOrder } from '../ports/history-reader.js';
import { buildFills, type Fill } from './build-fills.js';
import type { RealizedPnl } from './calculate-pnl.js';
import { computeLots, createLotLedger, sortFills, type LotBook, type LotLedger } from './compute-lots.js';

/**
 * The FIFO book per account filter, kept across calls: settled fills only ever get
 * appended, so each new one is applied to the book instead of replaying the whole
 * history; live fills (orders still filling) are applied to a copy. The realized side of
 * a report is kept too, per range start, until a fill changes.
 */
export function createPnlBookCache() {
  interface Entry {
    settled: readonly FilledOrder[];
    applied: number;
    fills: Fill[];
    ledger: LotLedger;
    liveKey?: string;
    combined?: { fills: Fill[]; book: LotBook };
    realized: Map<string, RealizedPnl>;
  }
  const entries = new Map<string, Entry>();

  async function settledEntry(settled: readonly FilledOrder[], accountId: string | undefined): Promise<Entry> {
    const mine = (o: FilledOrder) => accountId === undefined || o.order.accountId === accountId;
    let entry = entries.get(accountId ?? '');
    if (entry === undefined || entry.settled !== settled || settled.length < entry.applied) {
      entry = { settled, applied: 0, fills: [], ledger: createLotLedger(), realized: new Map() };
      entries.set(accountId ?? '', entry);
    }
    if (settled.length > entry.applied) {
      const added = sortFills(buildFills(settled.slice(entry.applied).filter(mine)));
      entry.applied = settled.length;
      if (await applyAll(entry.ledger, added)) entry.fills.push(...added);
      else {
        // A fill placed before ones already applied (a limit order that rested for days):
        // FIFO order changed, so the book is replayed from the start once.
        entry.fills = sortFills([...entry.fills, ...added]);
        entry.ledger = createLotLedger();
        await applyAll(entry.ledger, entry.fills);
      }
      delete entry.combined;
      entry.realized.clear();
    }
    return entry;
  }

  // One call at a time: a replay pauses between chunks, and a second caller must not see
  // its book half-built.
  let queue: Promise<unknown> = Promise.resolve();
  return {
    get(settled: readonly FilledOrder[], liveOrders: readonly FilledOrder[], accountId: string | undefined) {
      const run = queue.then(() => combined(settled, liveOrders, accountId));
      queue = run.catch(() => undefined);
      return run;
    },
  };

  async function combined(settled: readonly FilledOrder[], liveOrders: readonly FilledOrder[], accountId: string | undefined) {
    const entry = await settledEntry(settled, accountId);
    const live = sortFills(buildFills(liveOrders.filter((o) => accountId === undefined || o.order.accountId === accountId)));
    const liveKey = live.map((f) => `${f.proposalId}:${f.at}:${f.quantity.toFixed()}:${f.fee.toFixed()}`).join(',');
    if (entry.combined === undefined || entry.liveKey !== liveKey) {
      const ledger = live.length === 0 ? entry.ledger : entry.ledger.fork();
      const inOrder = live.every((fill) => ledger.apply(fill));
      const fills = [...entry.fills, ...live];
      entry.combined = inOrder ? { fills, book: ledger.book() } : { fills, book: computeLots(fills) };
      entry.liveKey = liveKey;
      entry.realized.clear();
    }
    return { ...entry.combined, realized: entry.realized };
  }
}

const REPLAY_CHUNK = 5_000;

/**
 * Applies fills in order, pausing between chunks so a long replay (a large history after
 * a start) never holds the event loop for more than a few milliseconds at a time.
 * False when a fill came out of FIFO order; see LotLedger.apply.
 */
async function applyAll(ledger: LotLedger, fills: readonly Fill[]): Promise<boolean> {
  for (let i = 0; i < fills.length; i++) {
    if (!ledger.apply(fills[i] as Fill)) return false;
    if (i % REPLAY_CHUNK === REPLAY_CHUNK - 1) await new Promise((resolve) => setImmediate(resolve));
  }
  return true;
}
