import type { ReadBars } from './build-context.js';
import type { ResearchLog } from '../ports/research-log.js';
import type { Proposal } from '../proposals/proposal.js';
import { evaluateIdea } from './evaluate-idea.js';
import type { ResearchIdeaRecord } from './research-records.js';

export interface OutcomeDeps {
  readonly log: ResearchLog;
  readonly getProposal: (id: string) => Promise<Proposal | undefined>;
  readonly bars: ReadBars;
  readonly barVenueOf: (accountId: string) => string;
  readonly clock: () => Date;
}

/** Ideas older than this are settled for good (the longest horizon is 60 trading days). */
const LOOKBACK_DAYS = 120;

/**
 * The outcomes job's research part: each idea still open gets its proposal's latest state
 * and, once its horizon passed, its outcome. Only changed ideas are written again (the
 * newer record replaces the older one in the history).
 */
export async function updateIdeaOutcomes(deps: OutcomeDeps): Promise<{ evaluated: number; refreshed: number; open: number }> {
  const now = deps.clock();
  const ideas = (await deps.log.ideasSince(new Date(now.getTime() - LOOKBACK_DAYS * 86_400_000))).filter((i) => i.outcome === undefined);
  const changed: ResearchIdeaRecord[] = [];
  let evaluated = 0;
  for (const idea of ideas) {
    const proposal = idea.verdict.kind === 'invalid' || idea.verdict.kind === 'waiting' ? undefined : await deps.getProposal(idea.verdict.proposalId);
    const state = idea.verdict.kind === 'proposed' ? proposal?.state : undefined;
    const daily = await deps.bars(deps.barVenueOf(idea.accountId), idea.symbol, '1d', LOOKBACK_DAYS);
    const outcome = evaluateIdea(idea, daily, proposal?.fill, now);
    if (outcome !== undefined) evaluated++;
    if (outcome !== undefined || (state !== undefined && state !== idea.proposalState)) {
      changed.push({ ...idea, ...(state === undefined ? {} : { proposalState: state }), ...(outcome === undefined ? {} : { outcome }) });
    }
  }
  if (changed.length > 0) await deps.log.append({ ideas: changed });
  return { evaluated, refreshed: changed.length - evaluated, open: ideas.length - evaluated };
}
