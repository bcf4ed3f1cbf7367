import type { ResponseParameters } from 'grammy/types';

/**
 * A refusal shaped exactly like Telegram's: `{ ok: false, error_code, description,
 * parameters? }` with the HTTP status equal to `error_code`. Handlers throw it; the
 * server turns it into the reply.
 */
export class BotApiError extends Error {
  constructor(
    readonly errorCode: number,
    readonly description: string,
    readonly parameters?: ResponseParameters,
  ) {
    super(description);
    this.name = 'BotApiError';
  }

  toBody(): { ok: false; error_code: number; description: string; parameters?: ResponseParameters } {
    return { ok: false, error_code: this.errorCode, description: this.description, ...(this.parameters === undefined ? {} : { parameters: this.parameters }) };
  }
}

export const badRequest = (what: string): BotApiError => new BotApiError(400, `Bad Request: ${what}`);

export const notFound = (): BotApiError => new BotApiError(404, 'Not Found');

export const unauthorized = (): BotApiError => new BotApiError(401, 'Unauthorized');

export const internalServerError = (): BotApiError => new BotApiError(500, 'Internal Server Error');

/** Telegram's flood refusal: the wait is both in the text and in `parameters.retry_after`. */
export const tooManyRequests = (retryAfter: number): BotApiError =>
  new BotApiError(429, `Too Many Requests: retry after ${retryAfter}`, { retry_after: retryAfter });

export const conflict = (what: string): BotApiError => new BotApiError(409, `Conflict: ${what}`);

/** Telegram's wording, verbatim, for the refusals bots most often have to handle. */
export const DESCRIPTIONS = {
  notModified:
    'message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message',
  editNotFound: 'message to edit not found',
  cantBeEdited: "message can't be edited",
  noTextToEdit: 'there is no text in the message to edit',
  deleteNotFound: 'message to delete not found',
  replyNotFound: 'message to be replied not found',
  textEmpty: 'message text is empty',
  textTooLong: 'message is too long',
  captionTooLong: 'message caption is too long',
  queryTooOld: 'query is too old and response timeout expired or query ID is invalid',
  webhookActive: "can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
  otherGetUpdates: 'terminated by other getUpdates request; make sure that only one bot instance is running',
} as const;
