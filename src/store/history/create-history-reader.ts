import { toDecimal } from '../../engine/money/decimal.js';
import type { OrderRecord } from '../../engine/orders/order-record.js';
import type { FilledOrder, HistoryReader, ProposalSummary } from '../../engine/ports/history-reader.js';
import type { Proposal, ProposalSource } from '../../engine/proposals/proposal.js';
import type { HistoryEntry, HistoryLog } from './create-history-log.js';

/**
 * The engine's HistoryReader on the history log. Lookups by id read one line. Windowed
 * reads use two small in-memory projections, built from the segments on first use (or by
 * `warmUp` after start) and kept current as records are appended:
 * - one summary per settled proposal (what statistics read, not the gate trace);
 * - every settled order that filled anything, with its proposal's source (what P&L reads).
 */
export function createHistoryReader(log: HistoryLog): HistoryReader & { warmUp(): Promise<void> } {
  const summaries = new Map<string, ProposalSummary>();
  const sources = new Map<string, ProposalSource>();
  const fills = new Map<string, FilledOrder>();
  let building: Promise<void> | undefined;
  /** Appended while the first scan runs: applied after it, so nothing is missed. */
  let pending: HistoryEntry[] | undefined = [];

  const apply = (entries: readonly HistoryEntry[]) => {
    // Proposals first: an order's source is its proposal's.
    for (const entry of entries) if (entry.kind === 'proposal') addProposal(entry.value as Proposal);
    for (const entry of entries) if (entry.kind === 'order') addOrder(entry.value as OrderRecord);
  };
  const addProposal = (proposal: Proposal) => {
    summaries.set(proposal.id, summarize(proposal));
    if (proposal.decision?.decision === 'approved') sources.set(proposal.id, proposal.source);
  };
  const addOrder = (order: OrderRecord) => {
    if (order.averagePrice === undefined || !toDecimal(order.filledQuantity).gt(0)) return;
    fills.set(order.clientOrderId, { order, source: sources.get(order.proposalId) ?? 'unknown' });
  };

  log.onAppend((entries) => {
    if (pending !== undefined) pending.push(...entries);
    else apply(entries);
  });

  const ready = () =>
    (building ??= (async () => {
      for await (const entry of log.scan<Proposal>('proposal')) addProposal(entry.value);
      for await (const entry of log.scan<OrderRecord>('order')) addOrder(entry.value);
      const late = pending ?? [];
      pending = undefined;
      apply(late);
    })());

  return {
    getProposal: (id) => log.get<Proposal>('proposal', id),
    getOrder: (clientOrderId) => log.get<OrderRecord>('order', clientOrderId),
    async recentOrders(limit) {
      return (await log.latest<OrderRecord>('order', limit)).map((entry) => entry.value);
    },
    async proposalsSince(since) {
      await ready();
      const from = since.toISOString();
      return [...summaries.values()].filter((summary) => summary.createdAt >= from);
    },
    async filledOrders() {
      await ready();
      return [...fills.values()];
    },
    warmUp: ready,
  };
}

function summarize(proposal: Proposal): ProposalSummary {
  const { id, accountId, symbol, side, source, confidence, createdAt, expiresAt, state, decision } = proposal;
  return { id, accountId, symbol, side, source, confidence, createdAt, expiresAt, state, ...(decision === undefined ? {} : { decision }) };
}
