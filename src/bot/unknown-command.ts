import type { MiddlewareFn } from 'grammy';
import type { BotContext } from './context.js';
import { parseCommand } from './register-commands.js';

/**
 * The last middleware: a command nobody handled gets a hint; so does plain text in a
 * private chat. Commands addressed to another bot in a group are left alone.
 */
export const unknownCommand: MiddlewareFn<BotContext> = async (ctx) => {
  const message = ctx.message;
  if (message?.text === undefined) return;
  const hasCommand = message.entities?.some((e) => e.type === 'bot_command' && e.offset === 0) === true;
  if (!hasCommand) {
    if (message.chat.type === 'private') await ctx.reply('I understand commands. Send /help for the list.');
    return;
  }
  const parsed = parseCommand(message.text, message.entities ?? [], ctx.me.username);
  if (parsed !== undefined) await ctx.reply(`Unknown command /${parsed.name}. Send /help for the commands you can use.`);
};
