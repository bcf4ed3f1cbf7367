import { randomInt } from 'node:crypto';
import type { MiddlewareFn } from 'grammy';
import type { CommandDefinition } from './command.js';
import type { BotContext, BotDeps } from './context.js';

/** Puts the dependencies and a correlation id on the context of every update. */
export function contextSetup(deps: BotDeps, commands: readonly CommandDefinition[]): MiddlewareFn<BotContext> {
  // A random start per process and a counter: unique ids at a fraction of the cost of
  // drawing random bytes for every update (this runs on every update).
  let sequence = randomInt(0, 2 ** 32);
  return (ctx, next) => {
    ctx.deps = deps;
    ctx.commands = commands;
    ctx.role = undefined;
    sequence = (sequence + 1) % 2 ** 32;
    ctx.correlationId = sequence.toString(16).padStart(8, '0');
    return next();
  };
}
