import type { ResearchModelResponse } from '../ports/research-model.js';
import type { DroppedIdea, RunOutcome } from './research-records.js';
import { validateIdeas, type CheckedIdea, type IdeaChecks } from './validate-ideas.js';

export type Answer =
  | { readonly outcome: 'ok'; readonly marketView?: string; readonly valid: readonly CheckedIdea[]; readonly dropped: readonly DroppedIdea[] }
  | { readonly outcome: Exclude<RunOutcome, 'ok' | 'budget_spent' | 'failed'>; readonly detail: string };

/**
 * What a response allows: a refusal or a cut-off answer takes no ideas at all, even if
 * part of it parses (a truncated list may have lost the idea that mattered, and a refusal
 * is the model saying no).
 */
export function readAnswer(response: ResearchModelResponse, checks: IdeaChecks): Answer {
  if (response.stopReason === 'refusal') return { outcome: 'refused', detail: `Claude declined this request${refusalWords(response)}; no ideas were taken.` };
  if (response.stopReason === 'max_tokens') {
    return { outcome: 'truncated', detail: `the answer was cut off at the output limit (RESEARCH_MAX_TOKENS); no ideas were taken.` };
  }
  if (response.output === undefined) {
    return { outcome: 'unreadable', detail: `the answer held no research data (stop reason ${response.stopReason ?? 'none'}); no ideas were taken.` };
  }
  const validated = validateIdeas(response.output, checks);
  if (!validated.ok) return { outcome: 'unreadable', detail: `${validated.reason}; no ideas were taken.` };
  return { outcome: 'ok', ...(validated.marketView === undefined ? {} : { marketView: validated.marketView }), valid: validated.valid, dropped: validated.dropped };
}

/** The API's explanation and policy category (stop_details), else any text the answer held. */
function refusalWords(response: ResearchModelResponse): string {
  const flat = (text: string | null | undefined) => (text ?? '').trim().replace(/\s+/g, ' ').slice(0, 300);
  const said = flat(response.refusal?.explanation) || flat(response.text);
  const category = flat(response.refusal?.category);
  return `${category === '' ? '' : ` (policy category ${category})`}${said === '' ? '' : `: "${said}"`}`;
}
