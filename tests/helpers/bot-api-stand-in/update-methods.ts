import { badRequest, conflict, DESCRIPTIONS, type BotApiError } from './bot-api-error.js';
import type { Payload } from './read-payload.js';
import { isTrue, type MethodHandler, type StandInContext } from './stand-in-context.js';

/**
 * getUpdates (long polling with Telegram's offset semantics), setWebhook, deleteWebhook
 * and getWebhookInfo. As with Telegram, only one getUpdates may wait at a time (a newer
 * one ends the older with 409), and getUpdates is refused while a webhook is set.
 */
export function createUpdateMethods(ctx: StandInContext): Record<string, MethodHandler> {
  let waiting: { terminate: (error: BotApiError) => void } | undefined;

  const getUpdates: MethodHandler = async (p, call) => {
    if (ctx.webhook.isSet()) throw conflict(DESCRIPTIONS.webhookActive);
    waiting?.terminate(conflict(DESCRIPTIONS.otherGetUpdates));
    if (Array.isArray(p.allowed_updates)) ctx.queue.setAllowed(p.allowed_updates as string[]);
    if (p.offset !== undefined) ctx.queue.applyOffset(Number(p.offset));
    const limit = Math.min(100, Math.max(1, Number(p.limit ?? 100)));
    const timeoutMs = Math.max(0, Number(p.timeout ?? 0)) * 1000;
    const ready = ctx.queue.take(limit);
    if (ready.length > 0 || timeoutMs === 0) return ready;
    let terminatedBy: BotApiError | undefined;
    const stop = new AbortController();
    const poll = { terminate: (error: BotApiError) => ((terminatedBy = error), stop.abort()) };
    waiting = poll;
    call.signal.addEventListener('abort', () => stop.abort(), { once: true });
    await ctx.queue.waitForPush(timeoutMs, stop.signal);
    if (waiting === poll) waiting = undefined;
    if (terminatedBy !== undefined) throw terminatedBy;
    return ctx.queue.take(limit);
  };

  const setWebhook: MethodHandler = (p, call) => {
    const url = String(p.url ?? '');
    if (url === '') return deleteWebhook(p, call);
    const secretToken = p.secret_token === undefined ? undefined : String(p.secret_token);
    if (secretToken !== undefined && !/^[A-Za-z0-9_-]{1,256}$/.test(secretToken)) throw badRequest('secret token contains unallowed characters');
    const maxConnections = Number(p.max_connections ?? 40);
    if (!Number.isInteger(maxConnections) || maxConnections < 1 || maxConnections > 100) throw badRequest('bad webhook: max_connections must be between 1 and 100');
    if (Array.isArray(p.allowed_updates)) ctx.queue.setAllowed(p.allowed_updates as string[]);
    if (isTrue(p.drop_pending_updates)) ctx.queue.dropAll();
    waiting?.terminate(conflict('terminated by setWebhook request'));
    ctx.webhook.set({ url, secretToken, maxConnections });
    return true;
  };

  const deleteWebhook: MethodHandler = (p: Payload) => {
    if (isTrue(p.drop_pending_updates)) ctx.queue.dropAll();
    ctx.webhook.clear();
    return true;
  };

  const getWebhookInfo: MethodHandler = () => {
    const registration = ctx.webhook.registration();
    const lastError = ctx.webhook.lastError();
    const allowed = ctx.queue.allowed();
    return {
      url: registration?.url ?? '',
      has_custom_certificate: false,
      pending_update_count: ctx.queue.pending().length,
      ...(registration === undefined ? {} : { max_connections: registration.maxConnections, ip_address: '127.0.0.1' }),
      ...(lastError === undefined ? {} : { last_error_date: lastError.date, last_error_message: lastError.message }),
      ...(allowed.length === 0 ? {} : { allowed_updates: allowed }),
    };
  };

  return { getUpdates, setWebhook, deleteWebhook, getWebhookInfo };
}
