import type { ResearchIdeaRecord } from './research-records.js';

/** Where an idea ended up, in the words the chat, the report and the next prompt use. */
export type IdeaStatus = 'waiting for the open' | 'pending' | 'approved' | 'filled' | 'rejected' | 'expired' | 'canceled' | 'failed' | 'blocked' | 'not proposed';

export function getIdeaStatus(idea: Pick<ResearchIdeaRecord, 'verdict' | 'proposalState'>): IdeaStatus {
  if (idea.verdict.kind === 'invalid') return 'not proposed';
  if (idea.verdict.kind === 'blocked') return 'blocked';
  if (idea.verdict.kind === 'waiting') return 'waiting for the open';
  switch (idea.proposalState ?? 'pending') {
    case 'pending':
      return 'pending';
    case 'approved':
    case 'submitted':
    case 'partially_filled':
      return 'approved';
    case 'filled':
      return 'filled';
    case 'rejected':
      return 'rejected';
    case 'expired':
      return 'expired';
    case 'canceled':
      return 'canceled';
    case 'failed':
      return 'failed';
  }
}

/** A person said yes (whatever happened at the venue after). */
export function isApproved(status: IdeaStatus): boolean {
  return status === 'approved' || status === 'filled' || status === 'failed';
}

/** Approved over approved plus rejected; undefined before anyone decided. */
export function approvalRate(statuses: readonly IdeaStatus[]): number | undefined {
  const approved = statuses.filter(isApproved).length;
  const decided = approved + statuses.filter((s) => s === 'rejected').length;
  return decided === 0 ? undefined : approved / decided;
}
