import type { MiddlewareFn } from 'grammy';
import type { BotContext } from './context.js';
import type { UserDirectory } from './user-directory.js';

export interface AuthOptions {
  users: UserDirectory;
  /** When set, updates from any other chat are dropped. */
  chatId: number | undefined;
  clock: () => Date;
  /** One "not authorized" reply per user per window, so a stranger cannot make us spam. */
  replyCooldownMs?: number;
}

const MAX_REMEMBERED = 10_000;

/**
 * Deny by default (DESIGN principle 8): every update — command, button, conversation
 * step — passes here first. A stranger's update goes no further; only a command gets
 * a short, rate-limited answer.
 */
export function createAuthMiddleware(options: AuthOptions): MiddlewareFn<BotContext> {
  const cooldownMs = options.replyCooldownMs ?? 10 * 60_000;
  const lastReply = new Map<number, number>();

  const mayReply = (userId: number): boolean => {
    const now = options.clock().getTime();
    const last = lastReply.get(userId);
    if (last !== undefined && now - last < cooldownMs) return false;
    lastReply.delete(userId); // re-insert so the Map's order is least recent first
    lastReply.set(userId, now);
    if (lastReply.size > MAX_REMEMBERED) lastReply.delete(lastReply.keys().next().value as number);
    return true;
  };

  return async (ctx, next) => {
    if (options.chatId !== undefined && ctx.chat?.id !== options.chatId) {
      ctx.log.warn({ chat_id: ctx.chat?.id }, 'update from another chat dropped');
      return;
    }
    const userId = ctx.from?.id;
    const role = userId === undefined ? undefined : options.users.roleOf(userId);
    if (role === undefined) {
      ctx.log.warn({ user_id: userId, update_type: Object.keys(ctx.update)[1] }, 'update from unauthorized user dropped');
      if (userId !== undefined && isCommand(ctx) && mayReply(userId)) {
        await ctx.reply(`Not authorized. Your user id is ${userId}; the owner can add it to TELEGRAM_ALLOWED_USERS.`);
      }
      return;
    }
    ctx.role = role;
    await next();
  };
}

function isCommand(ctx: BotContext): boolean {
  return ctx.message?.entities?.some((e) => e.type === 'bot_command' && e.offset === 0) === true;
}
