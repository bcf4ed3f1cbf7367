import { AnthropicError, APIConnectionError, APIError } from '@anthropic-ai/sdk';
import { ResearchRequestRefusedError, type RefusalReason } from '../engine/research/research-errors.js';
import { VenueRateLimitedError, VenueUnavailableError } from '../errors.js';
import { SPEND_CAP_CODE } from './no-retry-on-spend-cap.js';

/** How the breaker and the chat name Claude. */
export const CLAUDE = 'claude';

/** Spend-limit codes the API puts in `error.details.error_code` of a refused request. */
const BILLING_CODES = /spend_limit|billing|credit/i;

/**
 * The SDK's errors as Countersign's typed ones, once the SDK's own retries are spent
 * (it retries 408, 409, 429 and 5xx, 529 included, honouring retry-after). What a person
 * must fix (400, 401, 402, 403, 404, 413, and the 429 of the tier's monthly cap) is never
 * retried; the rest is "unavailable" for the breaker. Decided on status and the API's
 * error type and code; only the 400s of a low credit balance and of a spend limit you
 * set, which carry neither, need their text read (see isBilling).
 */
export function mapClaudeError(error: unknown): unknown {
  if (error instanceof APIConnectionError) {
    return new VenueUnavailableError(CLAUDE, error.constructor.name === 'APIConnectionTimeoutError' ? 'the request timed out' : 'no connection', { cause: error });
  }
  if (!(error instanceof APIError) || error.status === undefined) return error instanceof AnthropicError ? new VenueUnavailableError(CLAUDE, error.message.slice(0, 200), { cause: error }) : error;
  const status = error.status;
  const message = error.apiMessage ?? error.message;
  if (status === 429 && error.errorCode !== SPEND_CAP_CODE) return new VenueRateLimitedError(CLAUDE, retryAfterMs(error.headers), { cause: error });
  if (status >= 500 || status === 408 || status === 409) return new VenueUnavailableError(CLAUDE, `${status} ${error.type ?? 'server error'}`, { cause: error });
  return new ResearchRequestRefusedError(status, refusalReason(error), message, { cause: error });
}

function refusalReason(error: APIError): RefusalReason {
  if (error.status === 401) return 'authentication';
  if (error.status === 403) return 'permission';
  if (error.status === 402 || error.errorCode === SPEND_CAP_CODE || isBilling(error)) return 'billing';
  return 'invalid_request';
}

/**
 * A 400 that means "pay first". Newer responses say so in `type` or `details.error_code`;
 * two are `invalid_request_error`s whose message is the only sign, so those phrases are
 * read: "Your credit balance is too low to access the Anthropic API", and a spend limit
 * you set, "You have reached your specified (workspace) API usage limits…".
 */
function isBilling(error: APIError): boolean {
  if (error.type === 'billing_error') return true;
  if (error.errorCode !== null && BILLING_CODES.test(error.errorCode)) return true;
  return /credit balance|reached your specified (workspace )?API usage limits/i.test(error.apiMessage ?? error.message);
}

function retryAfterMs(headers: Headers | undefined): number {
  const ms = Number(headers?.get('retry-after-ms'));
  if (Number.isFinite(ms) && ms > 0) return ms;
  const seconds = Number(headers?.get('retry-after'));
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 60_000;
}
