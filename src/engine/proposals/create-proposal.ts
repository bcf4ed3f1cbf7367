import { randomInt } from 'node:crypto';
import { describeUnknownSymbol } from '../market/describe-unknown-symbol.js';
import { CountersignError } from '../../errors.js';
import { describeError } from '../health/describe-error.js';
import { isVenueUnreachable } from '../venues/is-venue-unreachable.js';
import type { Gate, GateInput, GateTrace } from '../gates/gate.js';
import { getGateInput } from '../gates/get-gate-input.js';
import { findEveryBlock, runGates } from '../gates/run-gates.js';
import { recordGateInput } from '../settings/recorded-gate-input.js';
import type { AccountRuntime, ExecutionDeps } from '../execution/execution-deps.js';
import { isPlainDecimal, toDecimal, toDecimalString, type Decimal } from '../money/decimal.js';
import type { DecisionLog } from '../ports/decision-log.js';
import { defaultTimeInForce, type OrderType, type Proposal, type ProposalSize, type ProposalSource, type ResearchNote, type Side } from './proposal.js';

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
  readonly research?: ResearchNote;
}

/** Expected negatives are values: the chat shows `problem` or the blocking gate. */
export type ProposeResult =
  | { readonly kind: 'proposed'; readonly proposal: Proposal }
  | { readonly kind: 'blocked'; readonly proposal: Proposal; readonly trace: GateTrace }
  | { readonly kind: 'invalid'; readonly problem: string }
  /** The venue could not be asked (down, timing out, rate limited, breaker open): nothing was proposed. */
  | { readonly kind: 'unreachable'; readonly venue: string; readonly reason: string; readonly error: CountersignError };

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
  const asked = await askVenue(runtime, () => priceAndGateInput(deps, runtime, input));
  if (asked.kind !== 'answered') return asked;
  if (asked.value === undefined) return { kind: 'invalid', problem: describeUnknownSymbol(runtime, input.symbol) };

  const { draft, gateInput, now } = asked.value;
  const trace = runGates(deps.gates, gateInput);
  const dataMode = runtime.profile.live ? 'LIVE' : 'PAPER';
  // The inputs and every gate's verdict (not only the first block) are kept, so a threshold
  // change can later be tried on this decision without asking the venue again.
  const inputs = recordGateInput(gateInput);
  const blocks = trace.passed ? [] : findEveryBlock(deps.gates, gateInput);
  const record = (p: Proposal) => deps.decisions.append({ at: now.toISOString(), dataMode, proposal: p, trace, outcome: trace.passed ? 'proposed' : 'blocked', inputs, blocks });
  if (!trace.passed) {
    const blocked: Proposal = { ...draft, gateTrace: trace };
    await record(blocked);
    return { kind: 'blocked', proposal: blocked, trace };
  }
  const proposal = await deps.store.transact((d) => {
    // Ids carry 41 random bits per millisecond; should two still meet, never overwrite.
    let stored: Proposal = { ...draft, gateTrace: trace };
    for (let n = 1; d.proposals[stored.id] !== undefined; n++) stored = { ...stored, id: `${draft.id}${n}` };
    d.proposals[stored.id] = stored;
    return stored;
  });
  await record(proposal);
  deps.events.emit({ type: 'proposal_created', proposal });
  return { kind: 'proposed', proposal };
}

/** The fresh price and everything the gates look at; undefined when the venue does not know the symbol. */
async function priceAndGateInput(deps: ProposeDeps, runtime: AccountRuntime, input: ProposeInput): Promise<{ draft: Proposal; gateInput: GateInput; now: Date } | undefined> {
  const quote = await runtime.market.latestPrice(input.symbol);
  if (quote === undefined) return undefined;
  const now = deps.clock();
  const draft = buildProposal(input, runtime.profile.venue, quote.price, now, runtime.profile.proposalTtlMinutes);
  return { draft, gateInput: await getGateInput(runtime, deps.store.read(), draft, quote, now), now };
}

type Asked<T> = { readonly kind: 'answered'; readonly value: T } | Extract<ProposeResult, { kind: 'unreachable' | 'invalid' }>;

/**
 * Runs the calls to the venue. A venue that is down or pushing back is a value the chat
 * can state ("alpaca is unreachable"), as is a refusal the venue explains (bad keys, a
 * market without fixed increments); anything else is a bug and propagates.
 */
async function askVenue<T>(runtime: AccountRuntime, ask: () => Promise<T>): Promise<Asked<T>> {
  try {
    return { kind: 'answered', value: await ask() };
  } catch (error) {
    if (isVenueUnreachable(error)) return { kind: 'unreachable', venue: runtime.profile.venue, reason: describeError(error).message, error };
    if (error instanceof CountersignError) return { kind: 'invalid', problem: `${error.message}; nothing was proposed` };
    throw error;
  }
}

/** Amounts come from people, strategies and research alike: plain decimals only. */
function checkInput(input: ProposeInput): string | undefined {
  const amount = input.size.kind === 'quantity' ? input.size.quantity : input.size.notional;
  if (!isPositive(amount)) return `size must be a number above zero, got "${amount}"`;
  if (input.orderType === 'limit' && (input.limitPrice === undefined || !isPositive(input.limitPrice))) return 'a limit order needs a limit price above zero';
  for (const [what, price] of [['stop', input.stopPrice], ['target', input.targetPrice]] as const) {
    if (price !== undefined && !isPositive(price)) return `the ${what} price must be a number above zero, got "${price}"`;
  }
  if (!(input.confidence >= 0 && input.confidence <= 1)) return 'confidence must be between 0 and 1';
  return undefined;
}

function isPositive(value: string): boolean {
  return isPlainDecimal(value) && toDecimal(value).gt(0);
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
    timeInForce: defaultTimeInForce({ ...input, venue }),
    ...(input.stopPrice === undefined ? {} : { stopPrice: input.stopPrice }),
    ...(input.targetPrice === undefined ? {} : { targetPrice: input.targetPrice }),
    source: input.source,
    confidence: input.confidence,
    rationale: input.rationale,
    referencePrice: toDecimalString(price),
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + ttlMinutes * 60_000).toISOString(),
    ...(input.createdBy === undefined ? {} : { createdBy: input.createdBy }),
    ...(input.research === undefined ? {} : { research: input.research }),
    gateTrace: { evaluatedAt: now.toISOString(), verdicts: [], notEvaluated: [], passed: false },
    state: 'pending',
    history: [{ state: 'pending', at: now.toISOString(), ...(input.createdBy === undefined ? {} : { by: input.createdBy }) }],
  };
}

/** Short, sortable by time, and opaque: it rides in callback data (≤ 64 bytes). */
function newProposalId(now: Date): string {
  return `p${now.getTime().toString(36)}${randomInt(36 ** 8).toString(36).padStart(8, '0')}`;
}
