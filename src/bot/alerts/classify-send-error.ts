import { GrammyError, HttpError } from 'grammy';
import type { SendFailure } from '../../outbox/send-failure.js';

/** What a failed Bot API call means for the outbox; decided by class and fields, not text. */
export function classifySendError(error: unknown): SendFailure {
  if (error instanceof GrammyError) return classifyApiError(error);
  // HttpError: the request never got a Telegram answer (DNS, reset, TLS, fetch abort).
  if (error instanceof HttpError) return { kind: 'transient' };
  // Anything else is a bug or an unknown transport failure: keeping the message and
  // retrying is the only choice that cannot lose it.
  return { kind: 'transient' };
}

function classifyApiError(error: GrammyError): SendFailure {
  if (error.error_code === 429) {
    const seconds = error.parameters.retry_after ?? 1;
    return { kind: 'rate_limited', retryAfterMs: Math.max(1, seconds) * 1_000 };
  }
  if (error.error_code >= 500) return { kind: 'transient' };
  // Telegram has no error code or parameter of its own for an entity parsing failure:
  // every bad request is a 400 "Bad Request: …". The description is the only field that
  // tells it apart, and "can't parse entities" has been stable for years. Resending as
  // plain text is harmless even if this ever matches too much.
  if (error.error_code === 400 && /parse entities/i.test(error.description)) return { kind: 'bad_format' };
  return { kind: 'refused', errorCode: error.error_code, description: error.description };
}
