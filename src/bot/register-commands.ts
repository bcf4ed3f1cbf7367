import { Composer } from 'grammy';
import { decodeCallbackData } from './callback-data.js';
import { effectOf, findSubcommand, type ButtonDefinition, type CommandDefinition } from './command.js';
import type { BotContext } from './context.js';
import { claimUpdate } from './inbound/claim-update.js';
import { hasRole, type Role } from '../roles.js';

/**
 * Routes each command and button to its handler, after checking its declared role (and
 * the role of the sub-command the arguments start with, or of the button's payload).
 * One lookup per update rather than one filter per command, so the cost stays flat as
 * commands are added.
 */
export function registerCommands(commands: readonly CommandDefinition[], buttons: readonly ButtonDefinition[]): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const byName = new Map(commands.map((c) => [c.name, c]));
  composer.on('message:entities:bot_command', async (ctx, next) => {
    const parsed = parseCommand(ctx.message.text ?? '', ctx.message.entities, ctx.me.username);
    const command = parsed === undefined ? undefined : byName.get(parsed.name);
    if (parsed === undefined || command === undefined) return next();
    const refusal = refuseRole(ctx.role, command, parsed.args);
    if (refusal !== undefined) {
      await ctx.reply(refusal);
      return;
    }
    // A command that changes state is recorded before it acts; a read-only one costs no write.
    if (effectOf(command, parsed.args) === 'write' && !(await claimUpdate(ctx))) return;
    ctx.match = parsed.args;
    await command.handle(ctx);
  });

  const byPrefix = new Map(buttons.map((b) => [b.prefix, b]));
  composer.on('callback_query:data', async (ctx) => {
    const decoded = decodeCallbackData(ctx.callbackQuery.data);
    const button = decoded === undefined ? undefined : byPrefix.get(decoded.prefix);
    if (decoded === undefined || button === undefined) {
      await ctx.answerCallbackQuery({ text: 'This button is no longer valid.' });
      return;
    }
    const forPayload = button.minRoleFor?.(decoded.payload, commands);
    const minRole = forPayload !== undefined && hasRole(forPayload, button.minRole) ? forPayload : button.minRole;
    if (!hasRole(ctx.role, minRole)) {
      // An alert toast, and nothing changes.
      await ctx.answerCallbackQuery({ text: `This needs the ${minRole} role.`, show_alert: true });
      return;
    }
    await button.handle(ctx, decoded.payload);
  });
  return composer;
}

/** Why this role may not run the command with these arguments; undefined when it may. */
function refuseRole(role: Role | undefined, command: CommandDefinition, args: string): string | undefined {
  const refusal = (what: string, minRole: Role) => `${what} needs the ${minRole} role; you are ${role ?? 'not authorized'}.`;
  if (!hasRole(role, command.minRole)) return refusal(`/${command.name}`, command.minRole);
  // A sub-command may ask for more than its command, never for less.
  const sub = findSubcommand(command, args);
  if (sub !== undefined && !hasRole(role, sub.minRole)) return refusal(`/${command.name} ${sub.name}`, sub.minRole);
  return undefined;
}

/**
 * `/name@bot args` → name and args, when the message starts with a command meant for
 * this bot (a bare `/name`, or one addressed to our username, as in groups).
 */
export function parseCommand(
  text: string,
  entities: readonly { type: string; offset: number; length: number }[],
  botUsername: string,
): { name: string; args: string } | undefined {
  const entity = entities.find((e) => e.type === 'bot_command' && e.offset === 0);
  if (entity === undefined) return undefined;
  const [name = '', target] = text.slice(1, entity.length).split('@');
  if (target !== undefined && target.toLowerCase() !== botUsername.toLowerCase()) return undefined;
  return { name: name.toLowerCase(), args: text.slice(entity.length).trim() };
}
