import { calculateCalibration } from './calculate-calibration.js';
import { approvalRate, getIdeaStatus } from './idea-status.js';
import type { ResearchIdeaRecord } from './research-records.js';

/** What the next run learns from the last ones: a few lines, bounded whatever the history. */
export interface PastIdeasSummary {
  readonly lines: readonly string[];
  readonly count: number;
}

export const PAST_IDEAS_IN_CONTEXT = 20;

/**
 * The last ideas of an account (newest first) with what became of each, the approval
 * rate, and the hit rate by confidence over every evaluated idea given.
 */
export function summarizePastIdeas(ideas: readonly ResearchIdeaRecord[], limit = PAST_IDEAS_IN_CONTEXT): PastIdeasSummary {
  if (ideas.length === 0) return { lines: ['No earlier ideas for this account yet.'], count: 0 };
  const recent = [...ideas].sort((a, b) => b.createdAt.localeCompare(a.createdAt)).slice(0, limit);
  const statuses = recent.map(getIdeaStatus);
  const rate = approvalRate(statuses);
  const calibration = calculateCalibration(ideas)
    .filter((b) => b.evaluated > 0)
    .map((b) => `${b.label}: ${b.hits}/${b.evaluated} right`);
  return {
    count: recent.length,
    lines: [
      'date|symbol|side|confidence|status|horizon result|realized|thesis',
      ...recent.map((idea, i) => ideaLine(idea, statuses[i] ?? 'pending')),
      `approval rate of these ideas: ${rate === undefined ? 'nobody decided yet' : `${Math.round(rate * 100)}%`}`,
      `hit rate by confidence (all evaluated ideas): ${calibration.length === 0 ? 'no horizon has passed yet' : calibration.join(', ')}`,
    ],
  };
}

function ideaLine(idea: ResearchIdeaRecord, status: string): string {
  const gate = idea.verdict.kind === 'blocked' ? ` by ${idea.verdict.gate}` : '';
  const outcome = idea.outcome;
  const result =
    outcome === undefined
      ? 'horizon not reached'
      : `${outcome.returnPct >= 0 ? '+' : ''}${outcome.returnPct.toFixed(1)}% (${outcome.hit ? 'right' : 'wrong'}${outcome.touched === 'none' ? '' : `, ${outcome.touched} touched first`})`;
  const thesis = idea.thesis.replace(/\s+/g, ' ').slice(0, 100);
  const realized = idea.realized === undefined ? '-' : `${idea.realized.pnl.startsWith('-') ? '' : '+'}${idea.realized.pnl}`;
  return `${idea.createdAt.slice(0, 10)}|${idea.symbol}|${idea.side}|${idea.confidence.toFixed(2)}|${status}${gate}|${result}|${realized}|${thesis}`;
}
