import type { CommandDefinition } from '../bot/command.js';
import { usersMessage } from '../bot/messages/users-message.js';
import { replyHtml } from '../bot/reply-html.js';

export const usersCommand: CommandDefinition = {
  name: 'users',
  description: 'Who may use this bot, with their roles',
  minRole: 'owner',
  handle: async (ctx) => {
    await replyHtml(ctx, usersMessage({ users: ctx.deps.users.list(), viewerId: ctx.from?.id ?? 0 }));
  },
};
