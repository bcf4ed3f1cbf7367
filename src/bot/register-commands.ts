import { Composer } from 'grammy';
import { decodeCallbackData } from './callback-data.js';
import type { ButtonDefinition, CommandDefinition } from './command.js';
import type { BotContext } from './context.js';
import { hasRole } from './roles.js';

/** Routes each command and button to its handler, after checking its declared role. */
export function registerCommands(commands: readonly CommandDefinition[], buttons: readonly ButtonDefinition[]): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  for (const command of commands) {
    composer.command(command.name, async (ctx) => {
      if (!hasRole(ctx.role, command.minRole)) {
        await ctx.reply(`/${command.name} needs the ${command.minRole} role; you are ${ctx.role ?? 'not authorized'}.`);
        return;
      }
      await command.handle(ctx);
    });
  }

  const byPrefix = new Map(buttons.map((b) => [b.prefix, b]));
  composer.on('callback_query:data', async (ctx) => {
    const decoded = decodeCallbackData(ctx.callbackQuery.data);
    const button = decoded === undefined ? undefined : byPrefix.get(decoded.prefix);
    if (decoded === undefined || button === undefined) {
      await ctx.answerCallbackQuery({ text: 'This button is no longer valid.' });
      return;
    }
    if (!hasRole(ctx.role, button.minRole)) {
      // An alert toast, and nothing changes.
      await ctx.answerCallbackQuery({ text: `This needs the ${button.minRole} role.`, show_alert: true });
      return;
    }
    await button.handle(ctx, decoded.payload);
  });
  return composer;
}
