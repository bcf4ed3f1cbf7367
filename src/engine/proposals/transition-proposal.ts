import { CountersignError } from '../../errors.js';
import type { Proposal, ProposalEvent, ProposalState } from './proposal.js';

/** Which state may follow which; everything else is an IllegalTransitionError. */
const NEXT: Readonly<Record<ProposalState, readonly ProposalState[]>> = {
  pending: ['approved', 'rejected', 'expired', 'canceled'],
  approved: ['submitted', 'failed', 'canceled'],
  submitted: ['partially_filled', 'filled', 'canceled', 'expired', 'failed'],
  // A partial fill may grow (partially_filled again) before it ends.
  partially_filled: ['partially_filled', 'filled', 'canceled', 'expired'],
  filled: [],
  rejected: [],
  expired: [],
  canceled: [],
  failed: [],
};

export class IllegalTransitionError extends CountersignError {
  readonly code = 'illegal_transition';
  constructor(
    readonly proposalId: string,
    readonly from: ProposalState,
    readonly to: ProposalState,
  ) {
    super(`proposal ${proposalId} cannot go from ${from} to ${to}`);
  }
}

export function canTransition(from: ProposalState, to: ProposalState): boolean {
  return NEXT[from].includes(to);
}

/**
 * The one function that changes a proposal's state: checks the transition, records it in
 * the history and applies the fields that come with it. Never a silent overwrite.
 */
export function transitionProposal(
  proposal: Proposal,
  to: ProposalState,
  event: Omit<ProposalEvent, 'state'>,
  changes: Partial<Pick<Proposal, 'decision' | 'fill' | 'reason'>> = {},
): Proposal {
  if (!canTransition(proposal.state, to)) throw new IllegalTransitionError(proposal.id, proposal.state, to);
  return { ...proposal, ...changes, state: to, history: [...proposal.history, { ...event, state: to }] };
}
