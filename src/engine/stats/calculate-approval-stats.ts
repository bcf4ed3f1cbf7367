import type { ProposalSummary } from '../ports/history-reader.js';

export interface DecisionCounts {
  readonly proposals: number;
  readonly approved: number;
  readonly rejected: number;
  readonly expired: number;
  /** Shares of the proposals that reached a decision or expired, 0–1; undefined with none. */
  readonly approvalRate: number | undefined;
  readonly rejectionRate: number | undefined;
  readonly expiryRate: number | undefined;
  /** Median seconds from proposal to a person's decision; undefined with none. */
  readonly medianSecondsToDecision: number | undefined;
}

export interface ApprovalStats {
  readonly windows: readonly { readonly label: string; readonly counts: DecisionCounts }[];
  /** Over the 30-day window. */
  readonly byAccount: Readonly<Record<string, DecisionCounts>>;
  readonly bySource: Readonly<Record<string, DecisionCounts>>;
}

const DAY_MS = 86_400_000;

/** Approval statistics for today (UTC), 7 d and 30 d, and by account and source over 30 d. */
export function calculateApprovalStats(proposals: readonly ProposalSummary[], now: Date): ApprovalStats {
  const startOfDay = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const since = (from: number) => proposals.filter((p) => new Date(p.createdAt).getTime() >= from);
  const month = since(now.getTime() - 30 * DAY_MS);
  return {
    windows: [
      { label: 'today', counts: countDecisions(since(startOfDay)) },
      { label: '7 d', counts: countDecisions(since(now.getTime() - 7 * DAY_MS)) },
      { label: '30 d', counts: countDecisions(month) },
    ],
    byAccount: groupCounts(month, (p) => p.accountId),
    bySource: groupCounts(month, (p) => p.source),
  };
}

export function countDecisions(proposals: readonly ProposalSummary[]): DecisionCounts {
  const approved = proposals.filter((p) => p.decision?.decision === 'approved').length;
  const rejected = proposals.filter((p) => p.decision?.decision === 'rejected').length;
  // Expired undecided: an approved proposal whose order expired at the venue was approved.
  const expired = proposals.filter((p) => p.state === 'expired' && p.decision === undefined).length;
  const settled = approved + rejected + expired;
  const rate = (n: number) => (settled === 0 ? undefined : n / settled);
  const waits = proposals
    .filter((p) => p.decision !== undefined)
    .map((p) => (new Date(p.decision?.at ?? p.createdAt).getTime() - new Date(p.createdAt).getTime()) / 1000);
  return {
    proposals: proposals.length,
    approved,
    rejected,
    expired,
    approvalRate: rate(approved),
    rejectionRate: rate(rejected),
    expiryRate: rate(expired),
    medianSecondsToDecision: median(waits),
  };
}

function groupCounts(proposals: readonly ProposalSummary[], key: (p: ProposalSummary) => string): Record<string, DecisionCounts> {
  const groups = new Map<string, ProposalSummary[]>();
  for (const p of proposals) groups.set(key(p), [...(groups.get(key(p)) ?? []), p]);
  return Object.fromEntries([...groups].map(([k, group]) => [k, countDecisions(group)]));
}

function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}
