import type { BotContext } from '../context.js';

/**
 * Records, durably and before anything acts, that this update is being acted on. False
 * when it was recorded before: a redelivery (Telegram resends what it did not see
 * confirmed, also after our crash), which must do nothing. A crash after this write and
 * before the act loses the act rather than doing it twice: at most once, by design.
 */
export async function claimUpdate(ctx: BotContext): Promise<boolean> {
  if (await ctx.deps.inbound.updates.record(ctx.update.update_id)) return true;
  ctx.log.debug('redelivered update skipped: it already acted');
  return false;
}
