import type { DecisionLog, DecisionRecord } from '../../engine/ports/decision-log.js';
import { summarizeDecision, toDecisionRow, type DecisionRow, type DecisionSummary } from '../../engine/settings/decision-row.js';
import type { Thresholds } from '../../engine/settings/threshold-settings.js';
import type { HistoryEntry, HistoryLog } from './create-history-log.js';

export const DECISION_KIND = 'decision';

/**
 * Every gate decision, proposed or blocked, in the history segments: one record per
 * proposal id (a proposal is decided once; tap-time re-checks are not decisions). Each
 * line carries a summary in front, and windowed reads (`since`) use an in-memory
 * projection of those summaries, built on first use (or by `warmUp`) and kept current as
 * decisions are appended: a 30-day preview over 100,000 decisions never parses a trace.
 */
export function createDecisionLog(log: HistoryLog): DecisionLog & { warmUp(): Promise<void> } {
  const rows: DecisionRow[] = [];
  const seen = new Set<string>();
  // Most decisions of an account share one set of thresholds: keep one object per set.
  const thresholdSets = new Map<string, Thresholds>();
  // The same goes for the lists of blocking gates.
  const blockLists = new Map<string, readonly string[]>();
  let building: Promise<void> | undefined;
  let pending: HistoryEntry[] | undefined = [];

  const add = (summary: DecisionSummary) => {
    if (seen.has(summary.id)) return;
    seen.add(summary.id);
    let row = toDecisionRow(summary);
    if (row.thresholds !== undefined) {
      const key = JSON.stringify(row.thresholds);
      const shared = thresholdSets.get(key) ?? row.thresholds;
      thresholdSets.set(key, shared);
      row = { ...row, thresholds: shared };
    }
    if (row.blocks !== undefined) {
      const key = row.blocks.join(',');
      const shared = blockLists.get(key) ?? row.blocks;
      blockLists.set(key, shared);
      row = { ...row, blocks: shared };
    }
    // Appends come in time order; a record imported late is put in its place.
    let i = rows.length;
    while (i > 0 && (rows[i - 1] as DecisionRow).at > row.at) i -= 1;
    rows.splice(i, 0, row);
  };
  const apply = (entries: readonly HistoryEntry[]) => {
    for (const entry of entries) if (entry.kind === DECISION_KIND) add((entry.summary as DecisionSummary | undefined) ?? summarizeDecision(entry.value as DecisionRecord));
  };
  log.onAppend((entries) => {
    if (pending !== undefined) pending.push(...entries);
    else apply(entries);
  });
  const ready = () =>
    (building ??= (async () => {
      for await (const item of log.scanSummaries<DecisionSummary, DecisionRecord>(DECISION_KIND)) add('summary' in item ? item.summary : summarizeDecision(item.value));
      const late = pending ?? [];
      pending = undefined;
      apply(late);
    })());

  return {
    append: (entry) => log.append([{ kind: DECISION_KIND, id: entry.proposal.id, at: entry.at, summary: summarizeDecision(entry), value: entry }]),
    async readRecent(limit) {
      if (!(limit > 0)) return [];
      return (await log.latest<DecisionRecord>(DECISION_KIND, limit)).map((e) => e.value).reverse();
    },
    async since(from) {
      await ready();
      const start = from.getTime();
      // Rows are in time order: find the first one in the window by bisection.
      let low = 0;
      let high = rows.length;
      while (low < high) {
        const middle = (low + high) >>> 1;
        if ((rows[middle] as DecisionRow).at < start) low = middle + 1;
        else high = middle;
      }
      return rows.slice(low);
    },
    warmUp: ready,
  };
}
