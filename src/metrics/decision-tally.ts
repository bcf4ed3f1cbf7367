import type { DecisionLog } from '../engine/ports/decision-log.js';

export interface DecisionCounts {
  readonly proposed: number;
  readonly blocked: number;
  /** Blocked decisions by the gate that blocked them. */
  readonly byGate: ReadonlyMap<string, number>;
}

/**
 * Counts every decision the gate pipeline records, as it is appended: /metrics reads the
 * counts, and the log itself is untouched.
 */
export function tallyDecisions(log: DecisionLog): DecisionLog & { counts(): DecisionCounts } {
  let proposed = 0;
  let blocked = 0;
  const byGate = new Map<string, number>();
  return {
    async append(entry) {
      await log.append(entry);
      if (entry.outcome === 'proposed') proposed += 1;
      else {
        blocked += 1;
        const gate = entry.trace.blockedBy ?? 'unknown';
        byGate.set(gate, (byGate.get(gate) ?? 0) + 1);
      }
    },
    readRecent: (limit) => log.readRecent(limit),
    since: (from) => log.since(from),
    counts: () => ({ proposed, blocked, byGate }),
  };
}
