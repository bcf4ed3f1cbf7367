import type { BotMode } from '../../config.js';
import type { CommandDefinition, SubcommandDefinition } from '../command.js';
import { hasRole, type Role } from '../../roles.js';
import { html, joinHtml, type SafeHtml } from './html.js';

/**
 * The commands a role may use. A command with sub-commands gets a line per sub-command
 * the role may use, so a viewer is never shown `/watch add`; one that needs more than its
 * command says which role.
 */
export function helpMessage(input: { commands: readonly CommandDefinition[]; role: Role; mode: BotMode }): SafeHtml {
  const lines = input.commands.filter((c) => hasRole(input.role, c.minRole)).flatMap((c) => commandLines(c, input.role));
  const parts = [html`<b>Commands</b> (your role: ${input.role})`, joinHtml(lines)];
  if (input.mode === 'local') {
    parts.push(html`<b>Local chat</b>
Messages are numbered (<code>bot #3 ›</code>) and their buttons show as [3.1] [3.2] …: type <code>#3.1</code> to press button 1 of message #3, or <code>#1</code> for button 1 of the newest message that has buttons. To send text that starts with #, type it with two (<code>##3</code> sends "#3").`);
  }
  return joinHtml(parts, '\n\n');
}

function commandLines(command: CommandDefinition, role: Role): SafeHtml[] {
  if (command.subcommands === undefined) return [line(`/${command.name}`, command.usage, command.description)];
  const bare = command.bare === undefined ? [] : [line(`/${command.name}`, undefined, command.bare)];
  return [...bare, ...command.subcommands.filter((s) => hasRole(role, s.minRole)).map((s) => subcommandLine(command, s))];
}

function subcommandLine(command: CommandDefinition, sub: SubcommandDefinition): SafeHtml {
  const stronger = sub.minRole !== command.minRole ? ` (${sub.minRole})` : '';
  return line(`/${command.name} ${sub.name}`, sub.usage, `${sub.description}${stronger}`);
}

function line(name: string, usage: string | undefined, description: string): SafeHtml {
  return usage === undefined ? html`${name} — ${description}` : html`${name} ${usage} — ${description}`;
}
