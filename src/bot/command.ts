import type { BotContext } from './context.js';
import type { Role } from '../roles.js';

/**
 * A command declares who may use it; the registry does the gating, /help and
 * setMyCommands from the same list, so they can never disagree.
 */
export interface CommandDefinition {
  /** Without the slash, as Telegram wants it: 1-32 of a-z, 0-9, _. */
  readonly name: string;
  /** One line for /help and the Telegram command menu. */
  readonly description: string;
  /** Arguments, shown in /help, e.g. `[today|7d]`. */
  readonly usage?: string;
  readonly minRole: Role;
  readonly handle: (ctx: BotContext) => Promise<unknown>;
}

/** An inline button family: callback data is `<prefix>:<payload>`. */
export interface ButtonDefinition {
  readonly prefix: string;
  readonly minRole: Role;
  readonly handle: (ctx: BotContext, payload: string) => Promise<unknown>;
}
