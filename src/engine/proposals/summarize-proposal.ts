import type { ProposalSummary } from '../ports/history-reader.js';
import type { Proposal } from './proposal.js';

/** What statistics read of a proposal: small enough to keep for every one ever made. */
export function summarizeProposal(proposal: Proposal): ProposalSummary {
  const { id, accountId, symbol, side, source, confidence, createdAt, expiresAt, state, decision } = proposal;
  return { id, accountId, symbol, side, source, confidence, createdAt, expiresAt, state, ...(decision === undefined ? {} : { decision }) };
}
