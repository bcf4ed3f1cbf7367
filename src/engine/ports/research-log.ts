import type { ResearchIdeaRecord, ResearchRunRecord } from '../research/research-records.js';

/**
 * Research runs and ideas in the append-only history. A later record of an idea replaces
 * the earlier one (its outcome is added that way), so reads see each id once.
 */
export interface ResearchLog {
  /** Resolves once the records are durably written. */
  append(records: { readonly runs?: readonly ResearchRunRecord[]; readonly ideas?: readonly ResearchIdeaRecord[] }): Promise<void>;
  /** Runs recorded at or after `since`, oldest first. */
  runsSince(since: Date): Promise<ResearchRunRecord[]>;
  /** The current record of every idea written at or after `since`, oldest first. */
  ideasSince(since: Date): Promise<ResearchIdeaRecord[]>;
}
