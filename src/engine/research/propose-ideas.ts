import type { ResearchMandate } from '../accounts/account-profile.js';
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
  readonly mandate: ResearchMandate;
  readonly ideas: readonly CheckedIdea[];
  readonly now: Date;
  readonly propose: (input: ProposeInput) => Promise<ProposeResult>;
}

/**
 * Each valid idea becomes a proposal with source `research`, through the same gates and
 * buttons as any other. The size is the model's suggestion cut to the account's room
 * (each cut noted on the idea), and the gates still have the last word on everything.
 */
export async function proposeIdeas(input: ProposeIdeasInput): Promise<ResearchIdeaRecord[]> {
  const records: ResearchIdeaRecord[] = [];
  for (const [index, checked] of input.ideas.entries()) {
    const id = `${input.runId}-${index + 1}`;
    const { notional, clamps } = sizeIdea(checked, input.account);
    const proposeInput = toProposeInput(checked, { ...input, ideaId: id, notional });
    const verdict = toVerdict(await input.propose(proposeInput));
    const idea = checked.idea;
    records.push({
      id,
      runId: input.runId,
      accountId: input.accountId,
      createdAt: input.now.toISOString(),
      model: input.model,
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
      verdict,
      ...(verdict.kind === 'proposed' ? { proposalState: 'pending' as const } : {}),
    });
  }
  return records;
}

function toProposeInput(checked: CheckedIdea, input: ProposeIdeasInput & { ideaId: string; notional: Decimal }): ProposeInput {
  const { idea } = checked;
  return {
    accountId: input.accountId,
    symbol: idea.symbol,
    side: idea.side,
    size: { kind: 'notional', notional: toDecimalString(input.notional) },
    orderType: idea.entry.type,
    ...(idea.entry.type === 'limit' ? { limitPrice: toDecimalString(idea.entry.price) } : {}),
    stopPrice: toDecimalString(idea.stop),
    targetPrice: toDecimalString(idea.target),
    source: 'research',
    confidence: idea.confidence,
    rationale: idea.thesis,
    research: {
      runId: input.runId,
      ideaId: input.ideaId,
      thesis: idea.thesis,
      risks: idea.risks,
      invalidation: idea.invalidation,
      horizonDays: idea.horizon_days,
      model: input.model,
      ...(input.runCostUsd === undefined ? {} : { runCostUsd: input.runCostUsd }),
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
  const equity = toDecimal(account.equity);
  const wanted = equity.mul(idea.size_pct).div(100);
  const held = account.positions.find((p) => p.symbol === idea.symbol);
  const heldValue = toDecimal(held?.marketValue ?? 0).abs();
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

function toVerdict(result: ProposeResult): IdeaVerdict {
  switch (result.kind) {
    case 'proposed':
      return { kind: 'proposed', proposalId: result.proposal.id };
    case 'blocked': {
      const gate = result.trace.blockedBy ?? 'unknown';
      const verdict = result.trace.verdicts.find((v) => v.outcome === 'block');
      return { kind: 'blocked', proposalId: result.proposal.id, gate, reason: verdict?.outcome === 'block' ? verdict.reason : gate };
    }
    case 'invalid':
      return { kind: 'invalid', reason: result.problem };
  }
}
