import type { Api } from 'grammy';
import type { Logger } from '../logger.js';
import type { CommandDefinition } from './command.js';
import { hasRole, type Role } from '../roles.js';
import type { UserDirectory } from './user-directory.js';

/**
 * Telegram's command menu, from the same registry as /help: everyone sees the viewer
 * commands; each approver and owner sees their own role's list in their private chat.
 */
export async function setCommandMenus(api: Api, commands: readonly CommandDefinition[], users: UserDirectory, logger: Logger): Promise<void> {
  const menu = (role: Role) =>
    commands.filter((c) => hasRole(role, c.minRole)).map((c) => ({ command: c.name, description: c.description }));
  await api.setMyCommands(menu('viewer'));
  for (const user of users.list()) {
    if (user.role === 'viewer') continue;
    try {
      await api.setMyCommands(menu(user.role), { scope: { type: 'chat', chat_id: user.id } });
    } catch (error) {
      // Telegram refuses a chat scope until the user has opened a chat with the bot.
      logger.debug({ err: error, user_id: user.id }, 'per-user command menu not set');
    }
  }
}
