import type { AlertInput } from '../../engine/ports/alert-sink.js';
import type { ResearchProblem } from '../../engine/research/research-problem.js';

const TITLES: Record<ResearchProblem['kind'], string> = {
  budget_spent: 'Research stopped for today: the daily budget is spent',
  billing: 'Research cannot run: the Anthropic account cannot pay',
  authentication: 'Research cannot run: Claude refused the API key',
  permission: 'Research cannot run: the API key may not use this model',
  invalid_request: 'Research cannot run: Claude refused the request',
  unavailable: 'Research paused: Claude is not answering',
};

/**
 * A research problem as an alert. The budget stop is a WARNING, once per UTC day (its key
 * carries the day); what only a person can fix is HIGH, and its key keeps a refusal that
 * repeats on every run to one alert per dedupe window; Claude being down is a WARNING.
 */
export function researchProblemAlert(problem: ResearchProblem): AlertInput {
  const severity = problem.kind === 'budget_spent' || problem.kind === 'unavailable' ? 'WARNING' : 'HIGH';
  const body = problem.kind === 'budget_spent' ? `${problem.detail}. Research resumes after 00:00 UTC; /research cost shows the spending.` : problem.detail;
  return {
    severity,
    type: `research_${problem.kind}`,
    title: TITLES[problem.kind],
    body,
    dedupeKey: problem.kind === 'budget_spent' ? `research_budget_spent:${problem.day ?? ''}` : `research_${problem.kind}`,
  };
}
