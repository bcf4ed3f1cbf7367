import type { DecisionLog, DecisionRecord } from '../../engine/ports/decision-log.js';
import type { HistoryLog } from './create-history-log.js';

export const DECISION_KIND = 'decision';

/**
 * Every gate decision, proposed or blocked, in the history segments: one record per
 * proposal id (a proposal is decided once; tap-time re-checks are not decisions).
 */
export function createDecisionLog(log: HistoryLog): DecisionLog {
  return {
    append: (entry) => log.append([{ kind: DECISION_KIND, id: entry.proposal.id, at: entry.at, value: entry }]),
    async readRecent(limit) {
      if (!(limit > 0)) return [];
      return (await log.latest<DecisionRecord>(DECISION_KIND, limit)).map((e) => e.value).reverse();
    },
  };
}
