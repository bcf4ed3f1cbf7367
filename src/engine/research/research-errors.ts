import { CountersignError } from '../../errors.js';

/** Why the API refused a request; none of these is retried. */
export type RefusalReason = 'billing' | 'authentication' | 'permission' | 'invalid_request';

/**
 * A 400, 401 or 403 from the Messages API, or the 429 of the API tier's monthly cap:
 * retrying cannot help, a person has to act (add credits, fix the key, or the request).
 * `apiMessage` is the API's own words, kept for the log and the report.
 */
export class ResearchRequestRefusedError extends CountersignError {
  readonly code = 'research_request_refused';
  constructor(
    readonly status: number,
    readonly reason: RefusalReason,
    readonly apiMessage: string,
    options?: { cause?: unknown },
  ) {
    super(`Claude refused the research request (${status} ${reason}): ${apiMessage}`, options);
  }
}
