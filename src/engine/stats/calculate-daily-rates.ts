import type { ProposalSummary } from '../ports/history-reader.js';
import type { DecisionRow } from '../settings/decision-row.js';

const DAY_MS = 86_400_000;

export interface DailyRates {
  /** Start of the UTC day, epoch ms. */
  readonly day: number;
  readonly evaluated: number;
  /** proposed / evaluated; undefined on a day with no gate decision. */
  readonly passRate: number | undefined;
  readonly decided: number;
  /** approved / decided (approved, rejected or expired), by the day the proposal was made; undefined with none decided. */
  readonly approvalRate: number | undefined;
}

/** An account's pass and approval rates per UTC day over the last `days` days (today included), oldest first, for the chart. */
export function calculateDailyRates(rows: readonly DecisionRow[], proposals: readonly ProposalSummary[], accountId: string, now: Date, days = 30): DailyRates[] {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const first = today - (days - 1) * DAY_MS;
  const tally = Array.from({ length: days }, () => ({ evaluated: 0, proposed: 0, decided: 0, approved: 0 }));
  const slot = (at: number) => (at < first || at >= today + DAY_MS ? undefined : tally[Math.floor((at - first) / DAY_MS)]);
  for (const row of rows) {
    const t = row.accountId === accountId ? slot(row.at) : undefined;
    if (t === undefined) continue;
    t.evaluated += 1;
    if (row.outcome === 'proposed') t.proposed += 1;
  }
  for (const p of proposals) {
    const outcome = p.decision?.decision ?? (p.state === 'expired' ? 'expired' : undefined);
    const t = p.accountId === accountId && outcome !== undefined ? slot(Date.parse(p.createdAt)) : undefined;
    if (t === undefined) continue;
    t.decided += 1;
    if (outcome === 'approved') t.approved += 1;
  }
  return tally.map((t, i) => ({
    day: first + i * DAY_MS,
    evaluated: t.evaluated,
    passRate: t.evaluated === 0 ? undefined : t.proposed / t.evaluated,
    decided: t.decided,
    approvalRate: t.decided === 0 ? undefined : t.approved / t.decided,
  }));
}
