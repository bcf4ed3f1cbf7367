import { randomBytes } from 'node:crypto';
import type { MiddlewareFn } from 'grammy';
import type { CommandDefinition } from './command.js';
import type { BotContext, BotDeps } from './context.js';

/** Puts the dependencies and a per-update child logger (update_id, user, correlation id) on the context. */
export function contextSetup(deps: BotDeps, commands: readonly CommandDefinition[]): MiddlewareFn<BotContext> {
  return (ctx, next) => {
    ctx.deps = deps;
    ctx.commands = commands;
    ctx.role = undefined;
    ctx.correlationId = randomBytes(4).toString('hex');
    ctx.log = deps.logger.child({ update_id: ctx.update.update_id, user_id: ctx.from?.id, cid: ctx.correlationId });
    return next();
  };
}
