import { effectOf, type ButtonDefinition, type CommandDefinition } from '../bot/command.js';
import { claimUpdate } from '../bot/inbound/claim-update.js';
import { NAV_PREFIX, startKeyboard } from '../bot/keyboards/start-keyboard.js';
import { startMessage } from '../bot/messages/start-message.js';
import { replyHtml } from '../bot/reply-html.js';

export const startCommand: CommandDefinition = {
  name: 'start',
  description: 'What this bot is, the mode and your role',
  minRole: 'viewer',
  handle: async (ctx) => {
    const { config } = ctx.deps;
    const text = startMessage({
      mode: config.mode,
      tradingMode: config.tradingMode,
      role: ctx.role ?? 'viewer',
      firstName: ctx.from?.first_name ?? 'there',
    });
    await replyHtml(ctx, text, startKeyboard());
  },
};

/** The /start shortcuts: run the named command, gated by the registry with that command's role. */
export const navButtons: ButtonDefinition = {
  prefix: NAV_PREFIX,
  minRole: 'viewer',
  minRoleFor: (payload, commands) => commands.find((c) => c.name === payload)?.minRole,
  handle: async (ctx, payload) => {
    const command = ctx.commands.find((c) => c.name === payload);
    if (command === undefined) {
      await ctx.answerCallbackQuery({ text: 'This shortcut is no longer valid.' });
      return;
    }
    await ctx.answerCallbackQuery();
    // A shortcut to a command that changes state acts once, as the typed command does.
    if (effectOf(command, '') === 'write' && !(await claimUpdate(ctx))) return;
    await command.handle(ctx);
  },
};
