import type { CommandDefinition } from '../bot/command.js';
import { helpMessage } from '../bot/messages/help-message.js';
import { replyHtml } from '../bot/reply-html.js';

export const helpCommand: CommandDefinition = {
  name: 'help',
  description: 'The commands your role may use',
  minRole: 'viewer',
  handle: async (ctx) => {
    await replyHtml(ctx, helpMessage({ commands: ctx.commands, role: ctx.role ?? 'viewer', mode: ctx.deps.config.mode }));
  },
};
