import type { DecisionRecord } from '../../../src/engine/ports/decision-log.js';
import type { ProposalSummary } from '../../../src/engine/ports/history-reader.js';
import type { ProposalSource } from '../../../src/engine/proposals/proposal.js';
import type { DecisionRow } from '../../../src/engine/settings/decision-row.js';
import { makePosition, makeProposal } from '../gates/gate-fixtures.js';
import { recordDecision, rowOf } from '../settings/decision-fixtures.js';

/** "Now" of every analytics fixture. */
export const NOW = new Date('2026-03-31T12:00:00.000Z');
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

export interface FixtureDecision {
  readonly id: string;
  readonly confidence: number;
  /** How long before NOW. */
  readonly age: number;
  readonly source?: ProposalSource;
  readonly side?: 'buy' | 'sell';
  readonly price?: number;
  /** What a person did with it, when proposed: seconds to decide, or expiry. */
  readonly outcome?: { readonly decision: 'approved' | 'rejected'; readonly after: number } | 'expired';
  /** Other symbols held when it was decided (max_open_positions allows 5). */
  readonly openPositions?: number;
}

/** A crypto buy (the market is always open) judged by the default gates (minConfidence 0.6), `d.age` before `end`. */
export function decisionRecord(d: FixtureDecision, end = NOW, accountId = 'main'): DecisionRecord {
  const now = new Date(end.getTime() - d.age);
  return recordDecision(d.id, {
    now,
    account: { id: accountId },
    proposal: { accountId, symbol: 'BTC/USDT', confidence: d.confidence, source: d.source ?? 'manual', side: d.side ?? 'buy', referencePrice: String(d.price ?? 100), createdAt: now.toISOString() },
    market: { symbol: 'BTC/USDT', observedAt: new Date(now.getTime() - 5_000) },
    ...(d.openPositions === undefined ? {} : { state: { positions: Array.from({ length: d.openPositions }, (_, i) => makePosition(`HELD${i}/USDT`, '1', '100')) } }),
  });
}

export const decisionRow = (d: FixtureDecision): DecisionRow => rowOf(decisionRecord(d));

export function proposalOf(d: FixtureDecision): ProposalSummary | undefined {
  if (d.outcome === undefined) return undefined;
  const created = NOW.getTime() - d.age;
  const base = { id: d.id, accountId: 'main', symbol: 'BTC/USDT', source: d.source ?? 'manual', confidence: d.confidence, createdAt: new Date(created).toISOString() } as const;
  if (d.outcome === 'expired') return makeProposal({ ...base, state: 'expired' });
  const at = new Date(created + d.outcome.after * 1000).toISOString();
  return makeProposal({ ...base, state: d.outcome.decision === 'approved' ? 'filled' : 'rejected', decision: { decision: d.outcome.decision, by: 1, byName: 'Ann', at } });
}

export function fixtureLog(decisions: readonly FixtureDecision[]): { rows: DecisionRow[]; proposals: ProposalSummary[] } {
  const sorted = [...decisions].sort((a, b) => b.age - a.age);
  return { rows: sorted.map(decisionRow), proposals: sorted.map(proposalOf).filter((p): p is ProposalSummary => p !== undefined) };
}

/**
 * Forty decisions spread over days 2–28 (none in the last day, 8 in the last 7 days), of
 * which 8 pass at the minimum of 0.6 in force: a pass rate of 20 %, under the 30–50 %
 * band.
 *
 * | confidence | count | passes at 0.60 | 0.59 | 0.57 | 0.55 |
 * |-----------:|------:|:---:|:---:|:---:|:---:|
 * | 0.70 | 8  | ✓ | ✓ | ✓ | ✓ |
 * | 0.59 | 4  |   | ✓ | ✓ | ✓ |
 * | 0.57 | 4  |   |   | ✓ | ✓ |
 * | 0.55 | 4  |   |   |   | ✓ |
 * | 0.52 | 4  |   |   |   |   |
 * | 0.40 | 16 |   |   |   |   |
 * | pass rate | | 20 % | 30 % | 40 % | 50 % |
 *
 * The band's middle (40 %) is first reached at 0.57: the suggestion is 0.6 → 0.57.
 */
export function lowPassFixture(): FixtureDecision[] {
  const confidences = [...Array(8).fill(0.7), ...Array(4).fill(0.59), ...Array(4).fill(0.57), ...Array(4).fill(0.55), ...Array(4).fill(0.52), ...Array(16).fill(0.4)] as number[];
  return confidences.map((confidence, i) => ({ id: `low-${i}`, confidence, age: 2 * DAY + i * 16 * HOUR }));
}

/**
 * Twenty-four proposals over days 2–25, every one passed the gates (pass rate 100 %) and
 * was decided:
 *
 * | confidence | count | approved | rejected |
 * |-----------:|------:|---:|---:|
 * | 0.62 | 12 | 0 | 12 |
 * | 0.70 | 6  | 2 | 4  |
 * | 0.80 | 6  | 4 | 2  |
 *
 * Approval rate 6 / 24 = 25 %, under the band. A minimum of 0.63 keeps the 12 at 0.70 and
 * 0.80, of which 6 were approved: 50 %, in the band. For the pass rate (100 %, over the
 * band), 0.63 lets 12 of 24 pass (50 %); the middle (40 %) is first reached at 0.71, with
 * 6 of 24 (25 %), under the band: so the high edge decides, at 0.63.
 */
export function lowApprovalFixture(): FixtureDecision[] {
  const spec: [number, 'approved' | 'rejected'][] = [
    ...Array.from({ length: 12 }, (): [number, 'rejected'] => [0.62, 'rejected']),
    ...(['approved', 'approved', 'rejected', 'rejected', 'rejected', 'rejected'] as const).map((d): [number, 'approved' | 'rejected'] => [0.7, d]),
    ...(['approved', 'approved', 'approved', 'approved', 'rejected', 'rejected'] as const).map((d): [number, 'approved' | 'rejected'] => [0.8, d]),
  ];
  return spec.map(([confidence, decision], i) => ({ id: `ap-${i}`, confidence, age: 2 * DAY + i * DAY, outcome: { decision, after: 60 } }));
}
