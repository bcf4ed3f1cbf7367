import type { Bot } from 'grammy';
import type { Logger } from '../logger.js';
import { toGrammySignal } from './grammy-signal.js';
import { ALLOWED_UPDATES } from './allowed-updates.js';
import type { BotContext } from './context.js';
import type { RunningTransport } from './running-transport.js';

/**
 * Long polling. grammY's `bot.start` first deletes any webhook (a bot can have only one
 * way in), then polls; pending updates are kept, so nothing sent while we were down is lost.
 * Resolves once polling has begun; rejects if it never could (a revoked token, say) or
 * when `signal` aborts first, after stopping what had begun.
 */
export async function startPolling(bot: Bot<BotContext>, logger: Logger, signal?: AbortSignal): Promise<RunningTransport> {
  tolerateMissingDeleteWebhook(bot, logger);
  // getMe with our signal: grammY retries it without end while Telegram is unreachable.
  await bot.init(toGrammySignal(signal));
  signal?.throwIfAborted();
  return new Promise((resolve, reject) => {
    let started = false;
    // bot.stop() aborts deleteWebhook, which bot.start() retries with its own signal.
    const onAbort = () => void bot.stop().catch((error: unknown) => logger.debug({ err: error }, 'stopping polling during start-up'));
    signal?.addEventListener('abort', onAbort, { once: true });
    const done = bot.start({
      allowed_updates: [...ALLOWED_UPDATES],
      drop_pending_updates: false,
      onStart: (me) => {
        started = true;
        signal?.removeEventListener('abort', onAbort);
        logger.info({ bot: me.username }, 'polling for updates');
        resolve({ label: 'POLLING', done, stop: () => bot.stop() });
      },
    });
    done.then(
      // Stopped during start-up: bot.start() returns without polling and without onStart.
      () => {
        if (!started) reject(signal?.reason instanceof Error ? signal.reason : new Error('polling stopped before it began'));
      },
      (error: unknown) => {
        signal?.removeEventListener('abort', onAbort);
        if (!started) reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

/**
 * A Bot API server without deleteWebhook (Telegram emulators; HTTP 404 "Not Found") has no
 * webhook to delete either, so polling may go ahead. Anything else still fails the start.
 */
function tolerateMissingDeleteWebhook(bot: Bot<BotContext>, logger: Logger): void {
  bot.api.config.use(async (prev, method, payload, signal) => {
    const result = await prev(method, payload, signal);
    if (method !== 'deleteWebhook' || result.ok || result.error_code !== 404) return result;
    logger.warn({ description: result.description }, 'This Bot API server has no deleteWebhook; polling without it');
    return { ok: true, result: true as never };
  });
}
