import type { CommandDefinition } from '../bot/command.js';
import { helpMessage } from '../bot/messages/help-message.js';
import { replyHtml } from '../bot/reply-html.js';
import { hasRole } from '../roles.js';

export const helpCommand: CommandDefinition = {
  name: 'help',
  description: 'The commands your role may use',
  minRole: 'viewer',
  handle: async (ctx) => {
    const role = ctx.role ?? 'viewer';
    const commands = ctx.commands.filter((c) => hasRole(role, c.minRole));
    await replyHtml(ctx, helpMessage({ commands, role, mode: ctx.deps.config.mode }));
  },
};
