import { toDecimal } from '../../engine/money/decimal.js';
import type { OrderRecord } from '../../engine/orders/order-record.js';
import type { FilledOrder, HistoryReader, ProposalSummary } from '../../engine/ports/history-reader.js';
import type { Proposal, ProposalSource } from '../../engine/proposals/proposal.js';
import { summarizeProposal } from '../../engine/proposals/summarize-proposal.js';
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
  /** Only ever appended to, never reordered: callers apply what is new since they last looked. */
  const fills: FilledOrder[] = [];
  const filled = new Set<string>();
  let building: Promise<void> | undefined;
  /** Appended while the first scan runs: applied after it, so nothing is missed. */
  let pending: HistoryEntry[] | undefined = [];

  const apply = (entries: readonly HistoryEntry[]) => {
    // Proposals first: an order's source is its proposal's.
    for (const entry of entries) if (entry.kind === 'proposal') addProposal(summarizeProposal(entry.value as Proposal));
    for (const entry of entries) if (entry.kind === 'order') addOrder(entry.value as OrderRecord);
  };
  const addProposal = (summary: ProposalSummary) => {
    summaries.set(summary.id, summary);
    if (summary.decision?.decision === 'approved') sources.set(summary.id, summary.source);
  };
  const addOrder = (order: OrderRecord) => {
    // A final order is final: one archived twice (a crash between history and document) counts once.
    if (order.averagePrice === undefined || filled.has(order.clientOrderId) || !toDecimal(order.filledQuantity).gt(0)) return;
    filled.add(order.clientOrderId);
    fills.push({ order, source: sources.get(order.proposalId) ?? 'unknown' });
  };

  log.onAppend((entries) => {
    if (pending !== undefined) pending.push(...entries);
    else apply(entries);
  });

  const ready = () =>
    (building ??= (async () => {
      for await (const item of log.scanSummaries<ProposalSummary, Proposal>('proposal')) addProposal('summary' in item ? item.summary : summarizeProposal(item.value));
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
      return fills;
    },
    warmUp: ready,
  };
}
