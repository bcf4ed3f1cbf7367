/** `60000` → `60 s`, `300000` → `5 min`: how a question's deadline is named in the chat. */
export function formatDeadline(ms: number): string {
  return ms >= 120_000 && ms % 60_000 === 0 ? `${ms / 60_000} min` : `${Math.round(ms / 1000)} s`;
}

/** What the chat is told when a question of a conversation was not answered in time. */
export function questionExpiredMessage(deadlineMs: number, command: string): string {
  return `That question expired after ${formatDeadline(deadlineMs)}; nothing was changed. Send /${command} again.`;
}
