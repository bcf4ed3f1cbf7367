import type { MiddlewareFn } from 'grammy';
import type { BotContext } from './context.js';

/**
 * The last middleware: a command nobody handled gets a hint; so does plain text in a
 * private chat. Commands addressed to another bot in a group are left alone.
 */
export const unknownCommand: MiddlewareFn<BotContext> = async (ctx) => {
  const message = ctx.message;
  if (message?.text === undefined) return;
  const entity = message.entities?.find((e) => e.type === 'bot_command' && e.offset === 0);
  if (entity === undefined) {
    if (message.chat.type === 'private') await ctx.reply('I understand commands. Send /help for the list.');
    return;
  }
  const [command, target] = message.text.slice(1, entity.length).split('@');
  if (target !== undefined && target.toLowerCase() !== ctx.me.username.toLowerCase()) return;
  await ctx.reply(`Unknown command /${command ?? ''}. Send /help for the commands you can use.`);
};
