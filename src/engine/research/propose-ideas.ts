import { Decimal, toDecimal, toDecimalString } from '../money/decimal.js';
import type { ProposeInput, ProposeResult } from '../proposals/create-proposal.js';
import type { AccountSnapshot } from './account-snapshot.js';
import type { IdeaVerdict, ResearchIdeaRecord } from './research-records.js';
import type { CheckedIdea } from './validate-ideas.js';

export interface ProposeIdeasInput {
  readonly runId: string;
  readonly accountId: string;
  readonly model: string;
  readonly runCostUsd: string | undefined;
  readonly account: AccountSnapshot;
  readonly ideas: readonly CheckedIdea[];
  readonly now: Date;
  readonly propose: (input: ProposeInput) => Promise<ProposeResult>;
}

type IdeaDraft = Omit<ResearchIdeaRecord, 'verdict' | 'proposalState' | 'outcome'>;

/**
 * Each valid idea becomes a proposal with source `research`, through the same gates and
 * buttons as any other. The size is the model's suggestion cut to the account's room
 * (each cut noted on the idea), and the gates still have the last word on everything.
 */
export async function proposeIdeas(input: ProposeIdeasInput): Promise<ResearchIdeaRecord[]> {
  const records: ResearchIdeaRecord[] = [];
  for (const [index, checked] of input.ideas.entries()) {
    const draft = toDraft(checked, input, `${input.runId}-${index + 1}`);
    records.push(withVerdict(draft, toVerdict(await input.propose(toProposeInput(draft)))));
  }
  return records;
}

function toDraft(checked: CheckedIdea, input: ProposeIdeasInput, id: string): IdeaDraft {
  const { idea } = checked;
  const { notional, clamps } = sizeIdea(checked, input.account);
  return {
    id,
    runId: input.runId,
    accountId: input.accountId,
    createdAt: input.now.toISOString(),
    model: input.model,
    ...(input.runCostUsd === undefined ? {} : { runCostUsd: input.runCostUsd }),
    symbol: idea.symbol,
    side: idea.side,
    entry: idea.entry.type === 'limit' ? { type: 'limit', price: toDecimalString(idea.entry.price) } : { type: 'market' },
    stop: toDecimalString(idea.stop),
    target: toDecimalString(idea.target),
    horizonDays: idea.horizon_days,
    sizePct: idea.size_pct,
    confidence: idea.confidence,
    thesis: idea.thesis,
    risks: idea.risks,
    invalidation: idea.invalidation,
    referencePrice: toDecimalString(checked.referencePrice),
    notional: toDecimalString(notional),
    clamps,
  };
}

export function withVerdict(draft: IdeaDraft, verdict: IdeaVerdict): ResearchIdeaRecord {
  return { ...draft, verdict, ...(verdict.kind === 'proposed' ? { proposalState: 'pending' as const } : {}) };
}

/** The proposal an idea stands for; the same when an idea that waited for the open is proposed. */
export function toProposeInput(idea: IdeaDraft): ProposeInput {
  return {
    accountId: idea.accountId,
    symbol: idea.symbol,
    side: idea.side,
    size: { kind: 'notional', notional: idea.notional },
    orderType: idea.entry.type,
    ...(idea.entry.type === 'limit' ? { limitPrice: idea.entry.price } : {}),
    stopPrice: idea.stop,
    targetPrice: idea.target,
    source: 'research',
    confidence: idea.confidence,
    rationale: idea.thesis,
    research: {
      runId: idea.runId,
      ideaId: idea.id,
      thesis: idea.thesis,
      risks: idea.risks,
      invalidation: idea.invalidation,
      horizonDays: idea.horizonDays,
      model: idea.model,
      ...(idea.runCostUsd === undefined ? {} : { runCostUsd: idea.runCostUsd }),
    },
  };
}

/**
 * The model suggests a share of equity; the account decides how much room there is. A buy
 * is cut to what the largest position still allows; a sell to what is held. With no room
 * at all the size stays as suggested and the position-size gate says no, visibly.
 */
export function sizeIdea(checked: CheckedIdea, account: AccountSnapshot): { notional: Decimal; clamps: string[] } {
  const { idea } = checked;
  const wanted = toDecimal(account.equity).mul(idea.size_pct).div(100);
  const heldValue = toDecimal(account.positions.find((p) => p.symbol === idea.symbol)?.marketValue ?? 0).abs();
  const room = idea.side === 'buy' ? toDecimal(account.limits.maxPosition).minus(heldValue) : heldValue;
  const clamps: string[] = [];
  let notional = wanted;
  if (room.gt(0) && wanted.gt(room)) {
    notional = room;
    const why = idea.side === 'buy' ? `the account's largest position (${account.limits.maxPosition}) less what is held` : 'the position held';
    clamps.push(`size cut from ${idea.size_pct}% of equity (${wanted.toFixed(2)}) to ${room.toFixed(2)}: ${why}`);
  }
  return { notional: Decimal.max(notional.toDecimalPlaces(2, Decimal.ROUND_DOWN), '0.01'), clamps };
}

/** A block by market_open alone (its market is closed) waits for the open instead of being lost. */
export function toVerdict(result: ProposeResult): IdeaVerdict {
  switch (result.kind) {
    case 'proposed':
      return { kind: 'proposed', proposalId: result.proposal.id };
    case 'blocked': {
      const gate = result.trace.blockedBy ?? 'unknown';
      const verdict = result.trace.verdicts.find((v) => v.outcome === 'block');
      const reason = verdict?.outcome === 'block' ? verdict.reason : gate;
      const nextOpen = verdict?.details?.nextOpen;
      if (gate === 'market_open' && typeof nextOpen === 'string') return { kind: 'waiting', until: nextOpen, reason };
      return { kind: 'blocked', proposalId: result.proposal.id, gate, reason };
    }
    case 'invalid':
      return { kind: 'invalid', reason: result.problem };
    case 'unreachable':
      return { kind: 'invalid', reason: `${result.venue} is unreachable (${result.reason})` };
  }
}
