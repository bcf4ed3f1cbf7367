import { randomInt } from 'node:crypto';
import type { Gate, GateTrace } from '../gates/gate.js';
import { runGates } from '../gates/run-gates.js';
import type { ExecutionDeps } from '../execution/execution-deps.js';
import { toDecimal, type Decimal } from '../money/decimal.js';
import type { DecisionLog } from '../ports/shadow-log.js';
import type { OrderType, Proposal, ProposalSize, ProposalSource, Side } from '../proposals/proposal.js';
import { getAccountState } from './get-account-state.js';

export interface ProposeInput {
  readonly accountId: string;
  readonly symbol: string;
  readonly side: Side;
  readonly size: ProposalSize;
  readonly orderType: OrderType;
  readonly limitPrice?: string;
  readonly stopPrice?: string;
  readonly targetPrice?: string;
  readonly source: ProposalSource;
  readonly confidence: number;
  readonly rationale: string;
  readonly createdBy?: number;
}

/** Expected negatives are values: the chat shows `problem` or the blocking gate. */
export type ProposeResult =
  | { readonly kind: 'proposed'; readonly proposal: Proposal }
  | { readonly kind: 'blocked'; readonly proposal: Proposal; readonly trace: GateTrace }
  | { readonly kind: 'invalid'; readonly problem: string };

export interface ProposeDeps extends ExecutionDeps {
  readonly gates: readonly Gate[];
  readonly decisions: DecisionLog;
}

/**
 * Prices an idea, runs it through every gate and records the decision. A proposal that
 * passes is stored as pending and announced to the approvers; a blocked one is kept in
 * the decision log only.
 */
export async function createProposal(deps: ProposeDeps, input: ProposeInput): Promise<ProposeResult> {
  const runtime = deps.accounts.get(input.accountId);
  if (runtime === undefined) return { kind: 'invalid', problem: `unknown account "${input.accountId}" (accounts: ${[...deps.accounts.keys()].join(', ')})` };
  const problem = checkInput(input);
  if (problem !== undefined) return { kind: 'invalid', problem };
  const quote = await runtime.market.latestPrice(input.symbol);
  if (quote === undefined) return { kind: 'invalid', problem: `unknown symbol "${input.symbol}" at ${runtime.profile.venue}` };

  const now = deps.clock();
  const draft = buildProposal(input, runtime.profile.venue, quote.price, now, runtime.profile.proposalTtlMinutes);
  const market = { symbol: input.symbol, price: quote.price, observedAt: quote.observedAt };
  const trading = deps.store.read();
  const state = await getAccountState(runtime, trading, market);
  const trace = runGates(deps.gates, { proposal: draft, account: runtime.profile, state, market, controls: trading.controls, now });
  const proposal: Proposal = { ...draft, gateTrace: trace };
  await deps.decisions.append({ at: now.toISOString(), dataMode: runtime.profile.live ? 'LIVE' : 'PAPER', proposal, trace, outcome: trace.passed ? 'proposed' : 'blocked' });
  if (!trace.passed) return { kind: 'blocked', proposal, trace };

  await deps.store.transact((d) => {
    d.proposals[proposal.id] = proposal;
  });
  deps.events.emit({ type: 'proposal_created', proposal });
  return { kind: 'proposed', proposal };
}

function checkInput(input: ProposeInput): string | undefined {
  const amount = input.size.kind === 'quantity' ? input.size.quantity : input.size.notional;
  if (!isPositive(amount)) return `size must be a number above zero, got "${amount}"`;
  if (input.orderType === 'limit' && (input.limitPrice === undefined || !isPositive(input.limitPrice))) return 'a limit order needs a limit price above zero';
  if (!(input.confidence >= 0 && input.confidence <= 1)) return 'confidence must be between 0 and 1';
  return undefined;
}

function isPositive(value: string): boolean {
  try {
    return toDecimal(value).gt(0) && toDecimal(value).isFinite();
  } catch {
    return false;
  }
}

function buildProposal(input: ProposeInput, venue: Proposal['venue'], price: Decimal, now: Date, ttlMinutes: number): Proposal {
  return {
    id: newProposalId(now),
    accountId: input.accountId,
    venue,
    symbol: input.symbol,
    side: input.side,
    size: input.size,
    orderType: input.orderType,
    ...(input.limitPrice === undefined ? {} : { limitPrice: input.limitPrice }),
    ...(input.stopPrice === undefined ? {} : { stopPrice: input.stopPrice }),
    ...(input.targetPrice === undefined ? {} : { targetPrice: input.targetPrice }),
    source: input.source,
    confidence: input.confidence,
    rationale: input.rationale,
    referencePrice: price.toString(),
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + ttlMinutes * 60_000).toISOString(),
    ...(input.createdBy === undefined ? {} : { createdBy: input.createdBy }),
    gateTrace: { evaluatedAt: now.toISOString(), verdicts: [], notEvaluated: [], passed: false },
    state: 'pending',
    history: [{ state: 'pending', at: now.toISOString(), ...(input.createdBy === undefined ? {} : { by: input.createdBy }) }],
  };
}

/** Short, sortable by time, and opaque: it rides in callback data (≤ 64 bytes). */
function newProposalId(now: Date): string {
  return `p${now.getTime().toString(36)}${randomInt(36 ** 4).toString(36).padStart(4, '0')}`;
}
