import { GrammyError, type Api } from 'grammy';
import type { Logger } from '../logger.js';
import type { CommandDefinition } from './command.js';
import { hasRole, type Role } from '../roles.js';
import { toGrammySignal } from './grammy-signal.js';
import { retryInBackground, type BackgroundRetry } from './retry-in-background.js';
import type { UserDirectory } from './user-directory.js';

/**
 * Waits between attempts, about 19 minutes in all: long enough to ride out a Telegram
 * outage at boot, bounded so that a Bot API server without the method (telegram-test-api
 * answers 500, others 404) is not asked forever. The next start tries again.
 */
export const COMMAND_MENU_RETRY_DELAYS_MS: readonly number[] = [1_000, 2_000, 4_000, 8_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000];

export interface CommandMenuOptions {
  /** An Api without auto-retry: the retries here are the only ones, and stop() cuts them. */
  api: Api;
  commands: readonly CommandDefinition[];
  users: UserDirectory;
  logger: Logger;
  delaysMs?: readonly number[];
}

/**
 * Sets the command menus in the background. The menu is cosmetic: a failure (5xx, no
 * network, a Bot API emulator without setMyCommands) is a warn line and a later retry,
 * never a failed or slower start.
 */
export function keepSettingCommandMenus(options: CommandMenuOptions): BackgroundRetry {
  return retryInBackground({
    what: 'Setting the command menu',
    attempt: (signal) => setCommandMenus(options.api, options.commands, options.users, options.logger, signal),
    logger: options.logger,
    delaysMs: options.delaysMs ?? COMMAND_MENU_RETRY_DELAYS_MS,
    retryAfterMs: (error) => {
      const seconds = error instanceof GrammyError ? error.parameters.retry_after : undefined;
      return seconds === undefined ? undefined : seconds * 1000;
    },
  });
}

/**
 * Telegram's command menu, from the same registry as /help: everyone sees the viewer
 * commands; each approver and owner sees their own role's list in their private chat.
 * Throws when the default menu, or a user's menu for a reason worth retrying, failed.
 */
export async function setCommandMenus(
  api: Api,
  commands: readonly CommandDefinition[],
  users: UserDirectory,
  logger: Logger,
  signal?: AbortSignal,
): Promise<void> {
  const menu = (role: Role) =>
    commands.filter((c) => hasRole(role, c.minRole)).map((c) => ({ command: c.name, description: c.description }));
  await api.setMyCommands(menu('viewer'), undefined, toGrammySignal(signal));
  for (const user of users.list()) {
    if (user.role === 'viewer') continue;
    try {
      await api.setMyCommands(menu(user.role), { scope: { type: 'chat', chat_id: user.id } }, toGrammySignal(signal));
    } catch (error) {
      if (!isRefusedChatScope(error)) throw error;
      // Telegram refuses a chat scope until the user has opened a chat with the bot.
      logger.debug({ err: error, user_id: user.id }, 'per-user command menu not set');
    }
  }
}

/** A 400 or 403 for one user's scope ("chat not found"): retrying cannot help until they write. */
function isRefusedChatScope(error: unknown): boolean {
  return error instanceof GrammyError && (error.error_code === 400 || error.error_code === 403);
}
