import type { ExecutionDeps } from '../execution/execution-deps.js';
import type { Proposal } from './proposal.js';
import { transitionProposal } from './transition-proposal.js';

/** Expires every pending proposal whose deadline has passed; resolves with those expired. */
export async function expireProposals(deps: ExecutionDeps): Promise<readonly Proposal[]> {
  const now = deps.clock();
  const expired = await deps.store.transact((draft) => {
    const done: Proposal[] = [];
    for (const proposal of Object.values(draft.proposals)) {
      if (proposal.state !== 'pending' || new Date(proposal.expiresAt).getTime() > now.getTime()) continue;
      const next = transitionProposal(proposal, 'expired', { at: now.toISOString(), note: 'not decided before its deadline' });
      draft.proposals[next.id] = next;
      done.push(next);
    }
    return done;
  });
  for (const proposal of expired) deps.events.emit({ type: 'proposal_expired', proposal });
  return expired;
}
