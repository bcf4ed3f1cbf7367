import { CircuitOpenError } from '../../resilience/circuit-open-error.js';
import { VenueRateLimitedError, VenueUnavailableError } from '../../errors.js';
import { ResearchRequestRefusedError } from './research-errors.js';
import type { ResearchProblem } from './research-problem.js';

export interface CallFailure {
  /** For the run record and the chat: what happened and what to do. */
  readonly detail: string;
  /** Raised as an alert: only what a person has to act on. */
  readonly problem?: Omit<ResearchProblem, 'accountId'>;
}

/** What a failed call means for the trader, decided on the error's class, never its text. */
export function describeCallFailure(error: unknown): CallFailure {
  if (error instanceof ResearchRequestRefusedError) return describeRefusal(error);
  if (error instanceof CircuitOpenError) return { detail: 'Claude failed three times in a row, so calls to it are paused for half a minute; run research again after that.' };
  if (error instanceof VenueRateLimitedError) {
    return { detail: `Claude's rate limit still held after the retries (it asked to wait ${Math.ceil(error.retryAfterMs / 1000)} s); try again later.` };
  }
  if (error instanceof VenueUnavailableError) return { detail: `Claude did not answer after the retries (${error.detail}); try again later.` };
  return { detail: `the request to Claude failed (${error instanceof Error ? error.name : 'unknown error'}); try again later.` };
}

function describeRefusal(error: ResearchRequestRefusedError): CallFailure {
  const said = error.apiMessage.slice(0, 300);
  switch (error.reason) {
    case 'billing':
      return {
        detail: `Claude refused: the Anthropic account cannot pay (${said}).`,
        problem: {
          kind: 'billing',
          detail: `The Anthropic account behind ANTHROPIC_API_KEY cannot pay for research (${error.status}: ${said}). Add credits or raise the spend limit at console.anthropic.com (Settings → Billing; a monthly cap of your API tier lifts with a higher tier, or on the date the API names); research tries again on its next run.`,
        },
      };
    case 'authentication':
      return {
        detail: `Claude refused the API key (${error.status}).`,
        problem: { kind: 'authentication', detail: `Claude refused ANTHROPIC_API_KEY (${error.status}: ${said}). Set a valid key from console.anthropic.com and restart the bot.` },
      };
    case 'permission':
      return {
        detail: `Claude refused: the API key may not use this (${error.status}).`,
        problem: { kind: 'permission', detail: `The API key may not use this model or feature (${error.status}: ${said}). Check the key's workspace and RESEARCH_MODEL.` },
      };
    case 'invalid_request':
      return {
        detail: `Claude refused the request as invalid (${error.status}: ${said}).`,
        problem: { kind: 'invalid_request', detail: `Claude refused the research request (${error.status}: ${said}). Check RESEARCH_MODEL, RESEARCH_OUTPUT and ANTHROPIC_BASE_URL.` },
      };
  }
}
