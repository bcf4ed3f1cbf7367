import { isFinalOrderState } from '../engine/orders/order-record.js';
import { isFinalState, type Proposal } from '../engine/proposals/proposal.js';
import { summarizeProposal } from '../engine/proposals/summarize-proposal.js';
import type { HistoryEntry, HistoryLog } from './history/create-history-log.js';
import type { StoreDocument } from './open-store.js';
import type { StoreData } from './schema.js';

export interface ArchiveDeps {
  readonly document: StoreDocument;
  readonly history: Pick<HistoryLog, 'append' | 'has'>;
  readonly clock: () => Date;
}

export interface Archiver {
  /** Asks for a pass soon; passes never overlap, and a request during one runs another. */
  request(): void;
  /** Resolves when no pass is running or asked for. */
  idle(): Promise<void>;
}

/** History ids of paper orders: the client order id within its account. */
export const paperOrderId = (accountId: string, clientOrderId: string) => `${accountId}/${clientOrderId}`;

/**
 * Moves what is settled out of the document into the history: proposals in a final state
 * whose orders are all final, final orders, and filled or canceled paper orders. The
 * history is written (and fsynced) first, then the document drops them, so a crash in
 * between leaves a record in both places, and the next pass only drops it (the history
 * already has it; nothing is written twice). Returns how many records moved.
 */
export async function archiveSettled(deps: ArchiveDeps): Promise<number> {
  const settled = findSettled(deps.document.read(), deps.clock().toISOString());
  if (settled.length === 0) return 0;
  await deps.history.append(settled.filter((entry) => !deps.history.has(entry.kind, entry.id)));
  await deps.document.update((data) => {
    for (const { kind, id } of settled) removeIfStillSettled(data, kind, id);
  });
  return settled.length;
}

/** Runs archive passes one at a time in the background; failures go to `onError`. */
export function createArchiver(deps: ArchiveDeps, onError: (error: unknown) => void): Archiver {
  let running: Promise<void> | undefined;
  let again = false;
  const run = async () => {
    do {
      again = false;
      await archiveSettled(deps).catch(onError);
    } while (again);
    running = undefined;
  };
  return {
    request() {
      if (running !== undefined) again = true;
      else running = run();
    },
    async idle() {
      while (running !== undefined) await running;
    },
  };
}

function findSettled(data: StoreData, at: string): HistoryEntry[] {
  const { proposals, orders } = data.trading;
  const liveOrderOf = new Set(Object.values(orders).filter((o) => !isFinalOrderState(o.state)).map((o) => o.proposalId));
  const settledProposals = Object.values(proposals).filter((p) => isFinalState(p.state) && !liveOrderOf.has(p.id));
  const settledIds = new Set(settledProposals.map((p) => p.id));
  // A final order under a proposal that still lags behind it stays until reconciliation
  // brings the proposal in step (reconcile-orders.ts).
  const settledOrders = Object.values(orders).filter((o) => isFinalOrderState(o.state) && (proposals[o.proposalId] === undefined || settledIds.has(o.proposalId)));
  const entries: HistoryEntry[] = [
    ...settledOrders.map((order) => ({ kind: 'order', id: order.clientOrderId, at, value: order })),
    ...settledProposals.map((proposal) => ({ kind: 'proposal', id: proposal.id, at, summary: summarizeProposal(proposal as Proposal), value: proposal })),
  ];
  for (const [accountId, ledger] of Object.entries(data.paperLedgers)) {
    for (const order of Object.values(ledger.orders)) {
      if (order.status !== 'open') entries.push({ kind: 'paper_order', id: paperOrderId(accountId, order.clientOrderId), at, value: order });
    }
  }
  return entries;
}

function removeIfStillSettled(data: StoreData, kind: string, id: string): void {
  if (kind === 'proposal') {
    const proposal = data.trading.proposals[id];
    if (proposal !== undefined && isFinalState(proposal.state)) delete data.trading.proposals[id];
  } else if (kind === 'order') {
    const order = data.trading.orders[id];
    if (order !== undefined && isFinalOrderState(order.state)) delete data.trading.orders[id];
  } else if (kind === 'paper_order') {
    const [accountId = '', clientOrderId = ''] = splitOnce(id, '/');
    const ledger = data.paperLedgers[accountId];
    const order = ledger?.orders[clientOrderId];
    if (ledger !== undefined && order !== undefined && order.status !== 'open') delete ledger.orders[clientOrderId];
  }
}

function splitOnce(text: string, separator: string): [string, string] {
  const at = text.indexOf(separator);
  return [text.slice(0, at), text.slice(at + 1)];
}
