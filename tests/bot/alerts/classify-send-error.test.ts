import { GrammyError } from 'grammy';
import { describe, expect, it } from 'vitest';
import { retryDelayMs, SendTimeoutError } from '../../../src/outbox/send-failure.js';
import { classifySendError } from '../../../src/bot/alerts/classify-send-error.js';
import { cannotParseEntities, networkError, serverError, tooManyRequests } from '../../alerts/alert-harness.js';

const apiError = (code: number, description: string) => new GrammyError('Call to sendMessage failed', { ok: false, error_code: code, description }, 'sendMessage', {});

describe('classifySendError', () => {
  it.each([
    ['a 429 with retry_after', tooManyRequests(12), { kind: 'rate_limited', retryAfterMs: 12_000 }],
    ['a 429 without retry_after', apiError(429, 'Too Many Requests'), { kind: 'rate_limited', retryAfterMs: 1_000 }],
    ['a 5xx', serverError(), { kind: 'transient' }],
    ['a network failure (HttpError)', networkError(), { kind: 'transient' }],
    ['our own send timeout', new SendTimeoutError(30_000), { kind: 'transient' }],
    ['an unknown error', new Error('boom'), { kind: 'transient' }],
    ['a 400 that cannot parse entities', cannotParseEntities(), { kind: 'bad_format' }],
    ['a 403 (bot blocked)', apiError(403, 'Forbidden: bot was blocked by the user'), { kind: 'refused', errorCode: 403, description: 'Forbidden: bot was blocked by the user' }],
    ['another 400', apiError(400, 'Bad Request: chat not found'), { kind: 'refused', errorCode: 400, description: 'Bad Request: chat not found' }],
  ])('%s', (_name, error, expected) => {
    expect(classifySendError(error), 'decided by class and fields').toEqual(expected);
  });

  it('does not take a parse-error description for bad formatting unless Telegram said 400', () => {
    expect(classifySendError(apiError(500, "can't parse entities")), 'a 5xx stays transient').toEqual({ kind: 'transient' });
    expect(classifySendError(new Error("Bad Request: can't parse entities")), 'message text alone decides nothing').toEqual({ kind: 'transient' });
  });
});

describe('retryDelayMs', () => {
  it('waits exactly retry_after on a 429, backs off on failures, longer when Telegram refuses', () => {
    expect(retryDelayMs({ kind: 'rate_limited', retryAfterMs: 7_000 }, 3), '429').toBe(7_000);
    expect([1, 2, 3, 5, 30].map((n) => retryDelayMs({ kind: 'transient' }, n)), '1 s doubling to 15 s').toEqual([1_000, 2_000, 4_000, 15_000, 15_000]);
    expect([1, 2, 6].map((n) => retryDelayMs({ kind: 'refused', errorCode: 403, description: '' }, n)), '30 s doubling to 10 min').toEqual([30_000, 60_000, 600_000]);
  });
});
