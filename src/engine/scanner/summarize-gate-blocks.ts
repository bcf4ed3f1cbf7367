import type { DecisionRecord } from '../ports/decision-log.js';

export interface GateBlockSummary {
  readonly decisions: number;
  readonly blocked: number;
  /** Most frequent blocking gates first, each with its most frequent reasons. */
  readonly gates: readonly { readonly gate: string; readonly count: number; readonly reasons: readonly { readonly reason: string; readonly count: number }[] }[];
}

/**
 * What blocks trading, over the last decisions. Reasons are grouped by their wording with
 * the numbers blanked, so one cause counts as one; the newest wording is shown.
 */
export function summarizeGateBlocks(decisions: readonly DecisionRecord[], reasonsPerGate = 3): GateBlockSummary {
  const byGate = new Map<string, Map<string, { count: number; example: string }>>();
  let blocked = 0;
  for (const d of decisions) {
    if (d.outcome !== 'blocked') continue;
    blocked++;
    const verdict = d.trace.verdicts.find((v) => v.outcome === 'block');
    const gate = d.trace.blockedBy ?? verdict?.gate ?? 'unknown';
    const example = verdict?.outcome === 'block' ? verdict.reason : 'no reason recorded';
    const shape = example.replace(/-?\d[\d,.]*/g, '#');
    const reasons = byGate.get(gate) ?? new Map<string, { count: number; example: string }>();
    reasons.set(shape, { count: (reasons.get(shape)?.count ?? 0) + 1, example });
    byGate.set(gate, reasons);
  }
  const gates = [...byGate].map(([gate, reasons]) => ({
    gate,
    count: [...reasons.values()].reduce((n, r) => n + r.count, 0),
    reasons: [...reasons.values()]
      .map(({ example, count }) => ({ reason: example, count }))
      .sort((a, b) => b.count - a.count)
      .slice(0, reasonsPerGate),
  }));
  return { decisions: decisions.length, blocked, gates: gates.sort((a, b) => b.count - a.count) };
}
