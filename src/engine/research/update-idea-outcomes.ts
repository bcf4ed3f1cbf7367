import type { ReadBars } from './build-context.js';
import type { ResearchLog } from '../ports/research-log.js';
import type { Decimal } from '../money/decimal.js';
import { toDecimalString } from '../money/decimal.js';
import type { Proposal } from '../proposals/proposal.js';
import { evaluateIdea } from './evaluate-idea.js';
import type { ResearchIdeaRecord } from './research-records.js';

/** What sells realized per proposal of an account (engine.outcomes.realizedByProposal). */
export type RealizedOf = (accountId: string) => Promise<ReadonlyMap<string, { readonly quantity: Decimal; readonly realized: Decimal }>>;

export interface OutcomeDeps {
  readonly log: ResearchLog;
  readonly getProposal: (id: string) => Promise<Proposal | undefined>;
  readonly bars: ReadBars;
  readonly barVenueOf: (accountId: string) => string;
  /** Absent: no realized P&L is kept (tests of the horizon alone). */
  readonly realized?: RealizedOf;
  readonly clock: () => Date;
}

/** Ideas older than this are settled for good (the longest horizon is 60 trading days). */
const LOOKBACK_DAYS = 120;

/**
 * The outcomes job's research part: each idea gets its proposal's latest state and, once
 * its horizon passed, its outcome; an executed one also what its sells realized, kept
 * current after the horizon. Only changed ideas are written again (the newer record
 * replaces the older one in the history).
 */
export async function updateIdeaOutcomes(deps: OutcomeDeps): Promise<{ evaluated: number; refreshed: number; open: number }> {
  const now = deps.clock();
  const recent = await deps.log.ideasSince(new Date(now.getTime() - LOOKBACK_DAYS * 86_400_000));
  // An evaluated idea stays of interest while its proposal filled: its position may close later.
  const ideas = recent.filter((i) => i.outcome === undefined || i.proposalState === 'filled' || i.proposalState === 'partially_filled');
  const realizedOf = memoize(deps.realized);
  const changed: ResearchIdeaRecord[] = [];
  let evaluated = 0;
  for (const idea of ideas) {
    const proposal = idea.verdict.kind === 'invalid' || idea.verdict.kind === 'waiting' ? undefined : await deps.getProposal(idea.verdict.proposalId);
    const state = idea.verdict.kind === 'proposed' ? proposal?.state : undefined;
    const outcome = idea.outcome ?? evaluateIdea(idea, await deps.bars(deps.barVenueOf(idea.accountId), idea.symbol, '1d', LOOKBACK_DAYS), proposal?.fill, now);
    if (outcome !== undefined && idea.outcome === undefined) evaluated++;
    const sold = idea.verdict.kind === 'proposed' ? (await realizedOf(idea.accountId))?.get(idea.verdict.proposalId) : undefined;
    const realized = sold === undefined ? undefined : { pnl: toDecimalString(sold.realized.toDecimalPlaces(2)), quantity: toDecimalString(sold.quantity) };
    const next: ResearchIdeaRecord = {
      ...idea,
      ...(state === undefined ? {} : { proposalState: state }),
      ...(outcome === undefined ? {} : { outcome }),
      ...(realized === undefined ? {} : { realized }),
    };
    if (next.proposalState !== idea.proposalState || next.outcome !== idea.outcome || !sameRealized(next.realized, idea.realized)) changed.push(next);
  }
  if (changed.length > 0) await deps.log.append({ ideas: changed });
  return { evaluated, refreshed: changed.length - evaluated, open: ideas.filter((i) => i.outcome === undefined).length - evaluated };
}

const sameRealized = (a: ResearchIdeaRecord['realized'], b: ResearchIdeaRecord['realized']) => a?.pnl === b?.pnl && a?.quantity === b?.quantity;

/** One book read per account and job run. */
function memoize(realized: RealizedOf | undefined): (accountId: string) => Promise<Awaited<ReturnType<RealizedOf>> | undefined> {
  const seen = new Map<string, ReturnType<RealizedOf>>();
  return async (accountId) => {
    if (realized === undefined) return undefined;
    let found = seen.get(accountId);
    if (found === undefined) seen.set(accountId, (found = realized(accountId)));
    return found;
  };
}
