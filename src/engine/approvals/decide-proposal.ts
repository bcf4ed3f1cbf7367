import { CountersignError } from '../../errors.js';
import type { Gate } from '../gates/gate.js';
import { runGates } from '../gates/run-gates.js';
import type { AccountRuntime, ExecutionDeps } from '../execution/execution-deps.js';
import type { OrderRecord } from '../orders/order-record.js';
import type { Proposal } from '../proposals/proposal.js';
import { transitionProposal } from '../proposals/transition-proposal.js';
import { noteApproval } from '../positions/symbol-activity.js';
import { buildOrderIntent } from './build-order-intent.js';
import { getGateInput } from '../gates/get-gate-input.js';
import { formatPercent, formatPrice } from '../text/format-number.js';

export interface Decider {
  readonly id: number;
  readonly name: string;
}

export type DecisionResult =
  | { readonly kind: 'approved'; readonly proposal: Proposal; readonly clientOrderId: string }
  | { readonly kind: 'rejected'; readonly proposal: Proposal }
  | { readonly kind: 'already_decided'; readonly proposal: Proposal }
  | { readonly kind: 'refused'; readonly proposal: Proposal; readonly reason: string }
  | { readonly kind: 'not_found' };

/** Gates whose block cannot clear by waiting: the proposal is canceled, not left pending. */
const PERMANENT_BLOCKS = new Set(['min_confidence']);

/** The answer a button can get at once, before any slow work: undefined means "go on". */
export async function peekDecision(deps: Pick<ExecutionDeps, 'store' | 'history'>, proposalId: string): Promise<DecisionResult | undefined> {
  const live = deps.store.read().proposals[proposalId];
  if (live?.state === 'pending') return undefined;
  return settledAnswer(deps, proposalId, live);
}

/** What a tap on a proposal that is no longer pending hears: who decided, or "not found". */
async function settledAnswer(deps: Pick<ExecutionDeps, 'history'>, proposalId: string, live: Proposal | undefined): Promise<DecisionResult> {
  const proposal = live ?? (await deps.history.getProposal(proposalId));
  return proposal === undefined ? { kind: 'not_found' } : { kind: 'already_decided', proposal };
}

/**
 * Approval, re-checked at tap time: a fresh price within the account's drift tolerance,
 * and every gate again. The state check and the write of the approval together with its
 * order intent are one transaction, so concurrent taps produce exactly one approval.
 */
export async function approveProposal(deps: ExecutionDeps & { gates: readonly Gate[] }, proposalId: string, by: Decider): Promise<DecisionResult> {
  const early = await peekDecision(deps, proposalId);
  if (early !== undefined) return early;
  const proposal = deps.store.read().proposals[proposalId] as Proposal;
  // peekDecision awaited: the tap may have raced another one, and the loser must not re-check.
  if (proposal?.state !== 'pending') return settledAnswer(deps, proposalId, proposal);
  const runtime = deps.accounts.get(proposal.accountId);
  if (runtime === undefined) return refuse(deps, proposal, by, `account "${proposal.accountId}" is no longer configured`, true);
  let recheck: Awaited<ReturnType<typeof recheckAtTap>>;
  try {
    recheck = await recheckAtTap(deps, runtime, proposal);
  } catch (error) {
    if (!(error instanceof CountersignError)) throw error;
    return refuse(deps, proposal, by, `could not re-check at ${proposal.venue} (${error.message}); nothing was sent, try again`, false);
  }
  if (!recheck.ok) return refuse(deps, proposal, by, recheck.reason, recheck.permanent);
  return commit(deps, proposalId, recheck.intent, by);
}

async function recheckAtTap(deps: ExecutionDeps & { gates: readonly Gate[] }, runtime: AccountRuntime, proposal: Proposal) {
  const quote = await runtime.market.latestPrice(proposal.symbol);
  if (quote === undefined) return { ok: false as const, reason: `no price for ${proposal.symbol} right now`, permanent: false };
  const drift = quote.price.minus(proposal.referencePrice).abs().div(proposal.referencePrice).mul(100);
  const tolerance = runtime.profile.priceDriftTolerancePct;
  if (drift.gt(tolerance)) {
    return { ok: false as const, reason: `the price moved ${formatPercent(drift.toNumber() / 100, 2)} since the proposal (${formatPrice(proposal.referencePrice)} → ${formatPrice(quote.price)}; tolerance ${tolerance}%)`, permanent: false };
  }
  const now = deps.clock();
  const input = await getGateInput(runtime, deps.store.read(), proposal, quote, now);
  const trace = runGates(deps.gates, input);
  if (!trace.passed) {
    const verdict = trace.verdicts.find((v) => v.outcome === 'block');
    // The gate is named unless its reason says it already ("trading is paused", not "paused: trading is paused").
    const reason = verdict?.outcome !== 'block' ? 'a gate blocks it now' : verdict.reason.includes(verdict.gate.replaceAll('_', ' ')) ? verdict.reason : `${verdict.gate}: ${verdict.reason}`;
    return { ok: false as const, reason, permanent: PERMANENT_BLOCKS.has(trace.blockedBy ?? '') };
  }
  // Sized with the same rules and price the min_order_size gate just passed.
  const built = buildOrderIntent(proposal, quote.price, input.market.rules, now);
  if (!built.ok) return { ok: false as const, reason: built.reason, permanent: true };
  return { ok: true as const, intent: built.intent };
}

async function commit(deps: ExecutionDeps, proposalId: string, intent: OrderRecord, by: Decider): Promise<DecisionResult> {
  const at = deps.clock().toISOString();
  const result = await deps.store.transact((draft) => {
    const current = draft.proposals[proposalId];
    if (current?.state !== 'pending') return undefined;
    const next = transitionProposal(current, 'approved', { at, by: by.id }, { decision: { decision: 'approved', by: by.id, byName: by.name, at } });
    draft.proposals[proposalId] = next;
    draft.orders[intent.clientOrderId] = intent;
    noteApproval(draft, next, at);
    return { kind: 'approved' as const, proposal: next, clientOrderId: intent.clientOrderId };
  });
  if (result === undefined) return settledAnswer(deps, proposalId, deps.store.read().proposals[proposalId]);
  deps.events.emit({ type: 'proposal_decided', proposal: result.proposal });
  return result;
}

/** A refusal keeps the proposal pending unless the block can never clear. */
async function refuse(deps: ExecutionDeps, proposal: Proposal, by: Decider, reason: string, permanent: boolean): Promise<DecisionResult> {
  let latest = proposal;
  if (permanent) {
    latest = await deps.store.transact((draft) => {
      const current = draft.proposals[proposal.id] ?? proposal;
      if (current.state !== 'pending') return current;
      const next = transitionProposal(current, 'canceled', { at: deps.clock().toISOString(), by: by.id, note: reason }, { reason });
      draft.proposals[proposal.id] = next;
      return next;
    });
  }
  deps.events.emit({ type: 'approval_refused', proposal: latest, reason, by: by.id });
  return { kind: 'refused', proposal: latest, reason };
}

/** Rejection needs no re-check: it can only make things safer. */
export async function rejectProposal(deps: ExecutionDeps, proposalId: string, by: Decider): Promise<DecisionResult> {
  const at = deps.clock().toISOString();
  const result = await deps.store.transact((draft) => {
    const current = draft.proposals[proposalId];
    if (current?.state !== 'pending') return undefined;
    const next = transitionProposal(current, 'rejected', { at, by: by.id }, { decision: { decision: 'rejected', by: by.id, byName: by.name, at } });
    draft.proposals[proposalId] = next;
    return { kind: 'rejected' as const, proposal: next };
  });
  if (result === undefined) return settledAnswer(deps, proposalId, deps.store.read().proposals[proposalId]);
  deps.events.emit({ type: 'proposal_decided', proposal: result.proposal });
  return result;
}
