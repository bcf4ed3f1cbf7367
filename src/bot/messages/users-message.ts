import type { Role } from '../../roles.js';
import { html, joinHtml, type SafeHtml } from './html.js';

export function usersMessage(input: { users: readonly { id: number; role: Role }[]; viewerId: number }): SafeHtml {
  const lines = input.users.map((u) => html`• <code>${u.id}</code> — ${u.role}${u.id === input.viewerId ? ' (you)' : ''}`);
  return joinHtml([
    html`<b>Users</b> (${input.users.length})`,
    ...lines,
    html`\nUsers and roles come from TELEGRAM_ALLOWED_USERS; anyone else gets nothing.`,
  ]);
}
