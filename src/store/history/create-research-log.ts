import type { ResearchLog } from '../../engine/ports/research-log.js';
import { RESEARCH_IDEA_KIND, RESEARCH_RUN_KIND, type ResearchIdeaRecord, type ResearchRunRecord } from '../../engine/research/research-records.js';
import type { HistoryEntry, HistoryLog } from './create-history-log.js';

/**
 * Research runs and ideas in the history segments (kinds `research_run` and
 * `research_idea`). An idea is written again when its outcome arrives: the history keeps
 * the last record of an id, and windowed reads see each idea once, at its latest.
 */
export function createResearchLog(log: HistoryLog, clock: () => Date): ResearchLog {
  return {
    async append({ runs = [], ideas = [] }) {
      const at = clock().toISOString();
      const entries: HistoryEntry[] = [
        ...runs.map((run) => ({ kind: RESEARCH_RUN_KIND, id: run.id, at: run.startedAt, value: run })),
        // Written at the time of the change, so a window read from now finds the update.
        ...ideas.map((idea) => ({ kind: RESEARCH_IDEA_KIND, id: idea.id, at, value: idea })),
      ];
      await log.append(entries);
    },
    async runsSince(since) {
      const runs: ResearchRunRecord[] = [];
      for await (const entry of log.scan<ResearchRunRecord>(RESEARCH_RUN_KIND, since)) runs.push(entry.value);
      return runs.sort((a, b) => a.startedAt.localeCompare(b.startedAt));
    },
    async ideasSince(since) {
      const ideas: ResearchIdeaRecord[] = [];
      // Read from the window's start: an idea created earlier but updated inside it is
      // current there, and one created inside it is never older than its creation.
      for await (const entry of log.scan<ResearchIdeaRecord>(RESEARCH_IDEA_KIND, since)) {
        if (entry.value.createdAt >= since.toISOString()) ideas.push(entry.value);
      }
      return ideas.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    },
  };
}
