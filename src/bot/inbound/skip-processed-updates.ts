import type { MiddlewareFn } from 'grammy';
import type { BotContext } from '../context.js';

/**
 * Every update acts at most once, whatever the transport and across restarts: Telegram
 * redelivers what it did not see confirmed (polling offset, webhook answer), so an update
 * that already changed something is dropped here. Read-only updates are never recorded,
 * so this costs them one Set lookup and no write.
 */
export const skipProcessedUpdates: MiddlewareFn<BotContext> = (ctx, next) => {
  if (!ctx.deps.inbound.updates.has(ctx.update.update_id)) return next();
  ctx.log.debug('redelivered update skipped: it already acted');
  return Promise.resolve();
};
