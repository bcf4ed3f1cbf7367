import type { BotContext } from './context.js';
import type { Role } from '../roles.js';

/**
 * `write` when running it changes state (a proposal, a control, a setting, a job run):
 * its update id is then recorded durably before the handler acts, so a redelivered
 * update never acts twice. Read-only commands are never recorded, which keeps them
 * free of a store write.
 */
export type CommandEffect = 'read' | 'write';

/**
 * A sub-command is the first word after the command (`/watch add …`) and may need a
 * stronger role than the command itself. The registry gates it, so handlers never check
 * roles; the handler's parser must read the action from that same first word.
 */
export interface SubcommandDefinition {
  /** Lower case; matched against the first word of the arguments, in any case. */
  readonly name: string;
  readonly description: string;
  /** Arguments after the sub-command, shown in /help. */
  readonly usage?: string;
  readonly minRole: Role;
  /** Overrides the command's effect for this sub-command (`/watch add` writes, `/watch list` reads). */
  readonly effect?: CommandEffect;
}

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
  /** Who may use the command at all; a sub-command may ask for more, never for less. */
  readonly minRole: Role;
  readonly subcommands?: readonly SubcommandDefinition[];
  /** Default `read`; a function decides from the arguments (`/alerts` shows, `/alerts quiet 22-7` writes). */
  readonly effect?: CommandEffect | ((args: string) => CommandEffect);
  /**
   * For a command with sub-commands that also works on its own (`/webhooks` shows the
   * panel): what it does then. /help lists it before the sub-commands, which otherwise
   * hide the bare command.
   */
  readonly bare?: string;
  readonly handle: (ctx: BotContext) => Promise<unknown>;
}

/** An inline button family: callback data is `<prefix>:<payload>`. */
export interface ButtonDefinition {
  readonly prefix: string;
  readonly minRole: Role;
  /**
   * The role a payload needs beyond `minRole` (a shortcut to an owner command); the
   * registry gates with the stronger of the two, so handlers never check roles.
   */
  readonly minRoleFor?: (payload: string, commands: readonly CommandDefinition[]) => Role | undefined;
  readonly handle: (ctx: BotContext, payload: string) => Promise<unknown>;
}

/** The sub-command the arguments start with, if the command declares it. */
export function findSubcommand(command: CommandDefinition, args: string): SubcommandDefinition | undefined {
  if (command.subcommands === undefined) return undefined;
  const first = /^\S+/.exec(args.trimStart())?.[0].toLowerCase();
  return command.subcommands.find((s) => s.name === first);
}

/** What running the command with these arguments does: the sub-command's effect, else the command's. */
export function effectOf(command: CommandDefinition, args: string): CommandEffect {
  const sub = findSubcommand(command, args);
  if (sub?.effect !== undefined) return sub.effect;
  const effect = command.effect ?? 'read';
  return typeof effect === 'function' ? effect(args) : effect;
}
