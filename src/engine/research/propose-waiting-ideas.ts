import type { ResearchLog } from '../ports/research-log.js';
import type { ProposeInput, ProposeResult } from '../proposals/create-proposal.js';
import { toProposeInput, toVerdict, withVerdict } from './propose-ideas.js';
import type { ResearchIdeaRecord } from './research-records.js';

/** An idea is proposed at the open only while that session lasts (a regular NYSE day is 6.5 h). */
const LATE_AFTER_MS = 6.5 * 3_600_000;
const LOOKBACK_MS = 5 * 86_400_000;

export interface WaitingDeps {
  readonly log: ResearchLog;
  readonly propose: (input: ProposeInput) => Promise<ProposeResult>;
  readonly clock: () => Date;
}

const isWaiting = (idea: ResearchIdeaRecord): idea is ResearchIdeaRecord & { verdict: { kind: 'waiting'; until: string } } => idea.verdict.kind === 'waiting';

/** When the next idea waiting for its market to open is due; undefined when none waits. */
export async function nextWaitingAt(deps: Pick<WaitingDeps, 'log' | 'clock'>): Promise<Date | undefined> {
  const ideas = (await deps.log.ideasSince(new Date(deps.clock().getTime() - LOOKBACK_MS))).filter(isWaiting);
  const first = ideas.map((i) => Date.parse(i.verdict.until)).sort((a, b) => a - b)[0];
  return first === undefined ? undefined : new Date(first);
}

/**
 * Ideas that waited for their market to open go through every gate again now, at the
 * price of now; one whose session passed while the bot was stopped is not proposed late.
 * Returns the ideas it decided, with their new verdicts (already recorded).
 */
export async function proposeWaitingIdeas(deps: WaitingDeps): Promise<ResearchIdeaRecord[]> {
  const now = deps.clock().getTime();
  const due = (await deps.log.ideasSince(new Date(now - LOOKBACK_MS))).filter(isWaiting).filter((i) => Date.parse(i.verdict.until) <= now);
  const decided: ResearchIdeaRecord[] = [];
  for (const idea of due) {
    const { verdict: _waited, ...draft } = idea;
    if (now - Date.parse(idea.verdict.until) > LATE_AFTER_MS) {
      decided.push(withVerdict(draft, { kind: 'invalid', reason: 'the session it waited for passed while the bot was stopped' }));
      continue;
    }
    decided.push(withVerdict(draft, toVerdict(await deps.propose(toProposeInput(draft)))));
  }
  if (decided.length > 0) await deps.log.append({ ideas: decided });
  return decided;
}
