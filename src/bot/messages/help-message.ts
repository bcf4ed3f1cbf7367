import type { BotMode } from '../../config.js';
import type { CommandDefinition } from '../command.js';
import type { Role } from '../../roles.js';
import { html, joinHtml, type SafeHtml } from './html.js';

export function helpMessage(input: { commands: readonly CommandDefinition[]; role: Role; mode: BotMode }): SafeHtml {
  const lines = input.commands.map((c) =>
    c.usage === undefined ? html`/${c.name} — ${c.description}` : html`/${c.name} ${c.usage} — ${c.description}`,
  );
  const parts = [html`<b>Commands</b> (your role: ${input.role})`, joinHtml(lines)];
  if (input.mode === 'local') {
    parts.push(html`<b>Local chat</b>
Buttons show as [1] [2] …: type <code>#1</code> to press button 1 of the latest message that has buttons. To send text that starts with #, type it with two (<code>##3</code> sends "#3").`);
  }
  return joinHtml(parts, '\n\n');
}
