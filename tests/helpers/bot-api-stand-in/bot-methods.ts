import type { BotCommand } from 'grammy/types';
import { badRequest } from './bot-api-error.js';
import { createMessageMethods } from './message-methods.js';
import type { Payload } from './read-payload.js';
import { isTrue, type MethodHandler, type StandInContext } from './stand-in-context.js';
import { createUpdateMethods } from './update-methods.js';

/** Every Bot API method the stand-in speaks; any other gets Telegram's 404 "Not Found". */
export function createBotMethods(ctx: StandInContext): Record<string, MethodHandler> {
  return {
    getMe: (_p, call) => ctx.botInfo(call.token),
    ...createUpdateMethods(ctx),
    ...createMessageMethods(ctx),
    answerCallbackQuery: (p) => {
      ctx.callbackQueries.answer(String(p.callback_query_id ?? ''), typeof p.text === 'string' ? p.text : undefined, isTrue(p.show_alert));
      return true;
    },
    setMyCommands: (p) => {
      ctx.commands.set(commandsKey(p), validCommands(p.commands));
      return true;
    },
    deleteMyCommands: (p) => (ctx.commands.delete(commandsKey(p)), true),
    getMyCommands: (p) => ctx.commands.get(commandsKey(p)) ?? [],
  };
}

/** Menus are kept per scope and language, as Telegram keeps them. */
export const commandsKey = (p: Payload): string => JSON.stringify([p.scope ?? { type: 'default' }, p.language_code ?? '']);

function validCommands(value: unknown): BotCommand[] {
  if (!Array.isArray(value)) throw badRequest('parameter "commands" is required');
  for (const c of value as Partial<BotCommand>[]) {
    if (typeof c.command !== 'string' || !/^[a-z0-9_]{1,32}$/.test(c.command)) throw badRequest('BOT_COMMAND_INVALID');
    if (typeof c.description !== 'string' || c.description.length < 1 || c.description.length > 256) throw badRequest('command description is empty');
  }
  return value as BotCommand[];
}
