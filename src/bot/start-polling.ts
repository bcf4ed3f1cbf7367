import type { Bot } from 'grammy';
import type { Logger } from '../logger.js';
import { ALLOWED_UPDATES } from './allowed-updates.js';
import type { BotContext } from './context.js';
import type { RunningTransport } from './running-transport.js';

/**
 * Long polling. grammY's `bot.start` first deletes any webhook (a bot can have only one
 * way in), then polls; pending updates are kept, so nothing sent while we were down is lost.
 * Resolves once polling has begun; rejects if it never could (a revoked token, say).
 */
export function startPolling(bot: Bot<BotContext>, logger: Logger): Promise<RunningTransport> {
  return new Promise((resolve, reject) => {
    let started = false;
    const done = bot.start({
      allowed_updates: [...ALLOWED_UPDATES],
      drop_pending_updates: false,
      onStart: (me) => {
        started = true;
        logger.info({ bot: me.username }, 'polling for updates');
        resolve({ label: 'POLLING', done, stop: () => bot.stop() });
      },
    });
    done.catch((error: unknown) => {
      if (!started) reject(error instanceof Error ? error : new Error(String(error)));
    });
  });
}
