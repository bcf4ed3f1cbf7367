import { helpCommand } from '../handlers/help.js';
import { navButtons, startCommand } from '../handlers/start.js';
import { statusCommand } from '../handlers/status.js';
import { usersCommand } from '../handlers/users.js';
import type { ButtonDefinition, CommandDefinition } from './command.js';

/** Every command the bot understands, in the order /help lists them. */
export const COMMANDS: readonly CommandDefinition[] = [startCommand, helpCommand, statusCommand, usersCommand];

/** Every inline-button family, by callback-data prefix. */
export const BUTTONS: readonly ButtonDefinition[] = [navButtons];
