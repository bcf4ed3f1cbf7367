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

/**
 * Approval statistics for today (UTC), 7 d and 30 d, and by account and source over 30 d.
 * One pass, with each timestamp parsed once: it runs over every proposal of 30 days.
 */
export function calculateApprovalStats(proposals: readonly ProposalSummary[], now: Date): ApprovalStats {
  const starts = [Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()), now.getTime() - 7 * DAY_MS, now.getTime() - 30 * DAY_MS];
  const windows = starts.map(() => createTally());
  const byAccount = new Map<string, Tally>();
  const bySource = new Map<string, Tally>();
  for (const p of proposals) {
    const created = Date.parse(p.createdAt);
    if (!(created >= (starts[2] as number))) continue;
    const outcome = outcomeOf(p, created);
    starts.forEach((start, i) => {
      if (created >= start) (windows[i] as Tally).add(outcome);
    });
    tallyOf(byAccount, p.accountId).add(outcome);
    tallyOf(bySource, p.source).add(outcome);
  }
  return {
    windows: ['today (UTC)', 'last 7 days', 'last 30 days'].map((label, i) => ({ label, counts: (windows[i] as Tally).counts() })),
    byAccount: Object.fromEntries([...byAccount].map(([key, tally]) => [key, tally.counts()])),
    bySource: Object.fromEntries([...bySource].map(([key, tally]) => [key, tally.counts()])),
  };
}

export function countDecisions(proposals: readonly ProposalSummary[]): DecisionCounts {
  const tally = createTally();
  for (const p of proposals) tally.add(outcomeOf(p, Date.parse(p.createdAt)));
  return tally.counts();
}

interface Outcome {
  readonly decision: 'approved' | 'rejected' | 'expired' | undefined;
  /** Seconds from proposal to a person's decision. */
  readonly wait: number | undefined;
}

function outcomeOf(p: ProposalSummary, created: number): Outcome {
  // Expired undecided: an approved proposal whose order expired at the venue was approved.
  const decision = p.decision?.decision ?? (p.state === 'expired' ? 'expired' : undefined);
  const wait = p.decision === undefined ? undefined : (Date.parse(p.decision.at) - created) / 1000;
  return { decision, wait };
}

type Tally = ReturnType<typeof createTally>;

function tallyOf(map: Map<string, Tally>, key: string): Tally {
  let tally = map.get(key);
  if (tally === undefined) map.set(key, (tally = createTally()));
  return tally;
}

function createTally() {
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
