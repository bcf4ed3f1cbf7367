import type { ProposalSummary } from '../ports/history-reader.js';
import type { DecisionRow } from '../settings/decision-row.js';
import { createTally, outcomeOf, type DecisionCounts } from './calculate-approval-stats.js';

/** The windows of the analytics, newest first; each ends now. */
export const RATE_WINDOWS = [
  { label: '1 d', days: 1 },
  { label: '7 d', days: 7 },
  { label: '30 d', days: 30 },
] as const;

export type RateWindow = (typeof RATE_WINDOWS)[number];
export type GroupKind = 'all' | 'account' | 'source' | 'strategy';

export interface WindowRates {
  readonly window: RateWindow;
  /** Decisions of the gate pipeline (proposed or blocked). */
  readonly evaluated: number;
  readonly proposed: number;
  /** proposed / evaluated, 0–1; undefined with nothing evaluated. */
  readonly passRate: number | undefined;
  /** Human decisions on the proposals made in the window (approval rate of decided, expiry rate, median wait). */
  readonly decisions: DecisionCounts;
}

export interface RateGroup {
  readonly kind: GroupKind;
  /** The account id, the kind of source (manual, research, strategy, signal) or the strategy name; '' for all. */
  readonly key: string;
  readonly windows: readonly WindowRates[];
}

const DAY_MS = 86_400_000;

/** What kind of source a proposal came from: the strategy or signal name is grouped apart. */
export function sourceKindOf(source: string): string {
  const colon = source.indexOf(':');
  return colon < 0 ? source : source.slice(0, colon);
}

/** The strategy's name for a strategy's proposal, else undefined. */
export function strategyOf(source: string): string | undefined {
  return source.startsWith('strategy:') ? source.slice('strategy:'.length) : undefined;
}

interface Bucket {
  readonly rows: number[];
  readonly proposed: number[];
  readonly tallies: ReturnType<typeof createTally>[];
}

/**
 * Pass rate (from the decision log), approval and expiry rates and the median wait (from
 * the proposals) per account, kind of source and strategy, over 1 d, 7 d and 30 d. The
 * proposals are those created in the last 30 days; decisions likewise.
 */
export function calculateRateTable(rows: readonly DecisionRow[], proposals: readonly ProposalSummary[], now: Date): RateGroup[] {
  const starts = RATE_WINDOWS.map((w) => now.getTime() - w.days * DAY_MS);
  const buckets = new Map<string, Bucket>();
  const bucket = (key: string): Bucket => {
    let b = buckets.get(key);
    if (b === undefined) buckets.set(key, (b = { rows: starts.map(() => 0), proposed: starts.map(() => 0), tallies: starts.map(() => createTally()) }));
    return b;
  };
  // Per account and source, the buckets it counts in: 100,000 decisions share a few dozen pairs.
  const pairs = new Map<string, Map<string, Bucket[]>>();
  const bucketsOf = (accountId: string, source: string): Bucket[] => {
    let bySource = pairs.get(accountId);
    if (bySource === undefined) pairs.set(accountId, (bySource = new Map()));
    let targets = bySource.get(source);
    if (targets === undefined) {
      const strategy = strategyOf(source);
      const keys = ['all:', `account:${accountId}`, `source:${sourceKindOf(source)}`, ...(strategy === undefined ? [] : [`strategy:${strategy}`])];
      bySource.set(source, (targets = keys.map(bucket)));
    }
    return targets;
  };
  for (const row of rows) {
    const targets = bucketsOf(row.accountId, row.source);
    const proposed = row.outcome === 'proposed' ? 1 : 0;
    for (let i = 0; i < starts.length; i++) {
      if (row.at < (starts[i] as number)) continue;
      for (const b of targets) {
        (b.rows[i] as number) += 1;
        (b.proposed[i] as number) += proposed;
      }
    }
  }
  for (const p of proposals) {
    const created = Date.parse(p.createdAt);
    // Worked out once, counted in every window and group it falls in.
    const outcome = outcomeOf(p, created);
    const targets = bucketsOf(p.accountId, p.source);
    for (let i = 0; i < starts.length; i++) {
      if (created >= (starts[i] as number)) for (const b of targets) b.tallies[i]?.add(outcome);
    }
  }
  const order: Record<GroupKind, number> = { all: 0, account: 1, source: 2, strategy: 3 };
  return [...buckets]
    .map(([k, b]): RateGroup => {
      const colon = k.indexOf(':');
      return {
        kind: k.slice(0, colon) as GroupKind,
        key: k.slice(colon + 1),
        windows: RATE_WINDOWS.map((window, i) => {
          const evaluated = b.rows[i] as number;
          const proposed = b.proposed[i] as number;
          return { window, evaluated, proposed, passRate: evaluated === 0 ? undefined : proposed / evaluated, decisions: (b.tallies[i] as ReturnType<typeof createTally>).counts() };
        }),
      };
    })
    .sort((a, b) => order[a.kind] - order[b.kind] || a.key.localeCompare(b.key));
}
