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

/** The decisions people made on these proposals: every window and group of /stats is one of these. */
export function countDecisions(proposals: readonly ProposalSummary[]): DecisionCounts {
  const tally = createTally();
  for (const p of proposals) tally.add(outcomeOf(p, Date.parse(p.createdAt)));
  return tally.counts();
}

export interface Outcome {
  readonly decision: 'approved' | 'rejected' | 'expired' | undefined;
  /** Seconds from proposal to a person's decision. */
  readonly wait: number | undefined;
}

export function outcomeOf(p: ProposalSummary, created: number): Outcome {
  // Expired undecided: an approved proposal whose order expired at the venue was approved.
  const decision = p.decision?.decision ?? (p.state === 'expired' ? 'expired' : undefined);
  const wait = p.decision === undefined ? undefined : (Date.parse(p.decision.at) - created) / 1000;
  return { decision, wait };
}

/** Counts outcomes one at a time: the rate table adds each proposal to every window and group it falls in. */
export function createTally() {
  let proposals = 0;
  const decided = { approved: 0, rejected: 0, expired: 0 };
  const waits: number[] = [];
  return {
    add(outcome: Outcome) {
      proposals += 1;
      if (outcome.decision !== undefined) decided[outcome.decision] += 1;
      if (outcome.wait !== undefined) waits.push(outcome.wait);
    },
    counts(): DecisionCounts {
      const settled = decided.approved + decided.rejected + decided.expired;
      const rate = (n: number) => (settled === 0 ? undefined : n / settled);
      return {
        proposals,
        ...decided,
        approvalRate: rate(decided.approved),
        rejectionRate: rate(decided.rejected),
        expiryRate: rate(decided.expired),
        medianSecondsToDecision: median(waits),
      };
    },
  };
}

function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = Float64Array.from(values).sort();
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}
