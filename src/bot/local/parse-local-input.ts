/** A line typed into the local chat: a button press or text for the bot. */
export type LocalInput =
  | { readonly kind: 'empty' }
  | { readonly kind: 'text'; readonly text: string }
  /** `#2` (button 2 of the newest message with buttons) or `#3.2` (button 2 of message #3). */
  | { readonly kind: 'press'; readonly button: number; readonly message?: number };

/**
 * `#N` and `#M.N` press buttons; `##…` sends text starting with `#`, so a press can never
 * be mistaken for an answer typed into a conversation, or the other way round.
 */
export function parseLocalInput(raw: string): LocalInput {
  const line = raw.trimEnd();
  if (line.trim() === '') return { kind: 'empty' };
  const press = /^#(?:(\d+)\.)?(\d+)$/.exec(line.trim());
  if (press !== null) {
    const button = Number(press[2]);
    return press[1] === undefined ? { kind: 'press', button } : { kind: 'press', button, message: Number(press[1]) };
  }
  return { kind: 'text', text: line.startsWith('##') ? line.slice(1) : line };
}
