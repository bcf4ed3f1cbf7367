import type { IncomingMessage, ServerResponse } from 'node:http';
import { BotError, webhookCallback, type Bot, type Context } from 'grammy';
import type { Update } from 'grammy/types';
import type { Logger } from '../logger.js';
import { createSecretTokenCheck } from './check-secret-token.js';
import { parseUpdate } from './parse-update.js';
import { readBody } from './read-body.js';
import { sendJson } from './send-json.js';
import type { UpdateDeduper } from './update-deduper.js';

/**
 * Telegram gives a webhook 10 s before it redelivers; grammY answers at 9 s and lets
 * the handler run on, so a slow handler costs a late reply, never a duplicate update.
 */
const DISPATCH_TIMEOUT_MS = 9_000;
const SECRET_HEADER = 'x-telegram-bot-api-secret-token';

const OK = '{"ok":true}';
const BAD_REQUEST = '{"ok":false,"error":"bad_request"}';
const UNAUTHORIZED = '{"ok":false,"error":"unauthorized"}';
const METHOD_NOT_ALLOWED = '{"ok":false,"error":"method_not_allowed"}';
const TOO_LARGE = '{"ok":false,"error":"payload_too_large"}';
const STOPPING = '{"ok":false,"error":"stopping"}';
const FAILED = '{"ok":false,"error":"dispatch_failed"}';
// Refusals close the connection: the body is left unread, so the socket cannot be reused.
const CLOSE = { Connection: 'close' } as const;
const CLOSE_RETRY = { Connection: 'close', 'Retry-After': '1' } as const;
const ALLOW_POST = { Allow: 'POST' } as const;

export interface WebhookHandlerDeps<C extends Context> {
  bot: Bot<C>;
  secretToken: string;
  maxBodyBytes: number;
  deduper: UpdateDeduper;
  logger: Logger;
  /** True once shutdown began. */
  isClosing: () => boolean;
}

/** grammY's built-in "callback" adapter: (update, respond, header, unauthorized). */
type DispatchUpdate = (
  update: Update,
  respond: (json: string) => void,
  header: string,
  unauthorized: () => void,
) => Promise<unknown>;

export type WebhookHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/**
 * Handles `POST <webhookPath>`: secret check → body limit → parse → dedupe → grammY.
 * Cheap refusals come first so that junk traffic never costs a body read or a dispatch.
 */
export function createWebhookHandler<C extends Context>(deps: WebhookHandlerDeps<C>): WebhookHandler {
  const { bot, deduper, logger, maxBodyBytes } = deps;
  const isSecretValid = createSecretTokenCheck(deps.secretToken);
  // grammY compares the secret again: a second line of defence if routing ever changes.
  const dispatch = webhookCallback(bot, 'callback', {
    secretToken: deps.secretToken,
    onTimeout: 'return',
    timeoutMilliseconds: DISPATCH_TIMEOUT_MS,
  }) as DispatchUpdate;

  async function dispatchUpdate(update: Update, header: string, res: ServerResponse): Promise<void> {
    // grammY calls respond() only for a webhook reply (an API call sent back as the
    // HTTP response); otherwise the 200 below ends the request.
    const respond = (json: string): void => sendJson(res, 200, json);
    const unauthorized = (): void => sendJson(res, 401, UNAUTHORIZED, CLOSE);
    try {
      await dispatch(update, respond, header, unauthorized);
    } catch (error) {
      const status = await handleDispatchError(error, update.update_id);
      sendJson(res, status, status === 200 ? OK : FAILED);
      return;
    }
    sendJson(res, 200, OK);
  }

  /** Returns the status to answer with: 200 when a redelivery could not help. */
  async function handleDispatchError(error: unknown, updateId: number): Promise<number> {
    if (error instanceof BotError) {
      // grammY calls bot.catch itself only when polling; with webhooks the middleware's
      // error surfaces here, so route it to the same handler.
      try {
        await bot.errorHandler(error as BotError<C>);
      } catch (handlerError) {
        logger.error({ err: handlerError, update_id: updateId }, 'Update failed and the bot error handler threw');
      }
      // The bot saw the update; Telegram would redeliver it forever and fail the same way.
      return 200;
    }
    // The update never reached the middleware (e.g. bot.init failed): let Telegram
    // redeliver it, and let the deduper accept the redelivery.
    deduper.forget(updateId);
    logger.error({ err: error, update_id: updateId }, 'Could not dispatch webhook update');
    return 500;
  }

  return async function handleWebhook(req, res) {
    if (req.method !== 'POST') return sendJson(res, 405, METHOD_NOT_ALLOWED, ALLOW_POST);
    const header = req.headers[SECRET_HEADER];
    // Checked before the body is read: an unauthenticated caller costs one compare.
    if (!isSecretValid(header)) return sendJson(res, 401, UNAUTHORIZED, CLOSE);
    // While stopping, refuse rather than start work we may not finish: Telegram redelivers.
    if (deps.isClosing()) return sendJson(res, 503, STOPPING, CLOSE_RETRY);

    const read = await readBody(req, maxBodyBytes);
    if (!read.ok) {
      if (read.reason === 'too_large') sendJson(res, 413, TOO_LARGE, CLOSE);
      else res.destroy(); // The client is gone; nobody is left to answer.
      return;
    }
    const update = parseUpdate(read.body);
    if (update === undefined) return sendJson(res, 400, BAD_REQUEST);

    const debug = logger.isLevelEnabled('debug');
    if (deduper.isDuplicate(update.update_id)) {
      if (debug) logger.debug({ update_id: update.update_id }, 'Duplicate webhook update skipped');
      return sendJson(res, 200, OK);
    }
    if (debug) logger.debug({ update_id: update.update_id }, 'Webhook update received');
    await dispatchUpdate(update, header as string, res);
  };
}
