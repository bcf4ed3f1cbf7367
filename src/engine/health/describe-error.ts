/** An error as the chat and /health may show it: its class and a scrubbed, short message. */
export interface ErrorDescription {
  readonly name: string;
  readonly message: string;
}

const MAX_MESSAGE_CHARS = 200;

/**
 * Error text can carry secrets: a URL with a bot token or a heartbeat key in its path, or
 * the token itself. Both are replaced before the text is kept anywhere a person reads it;
 * the log gets the full error object.
 */
export function describeError(error: unknown): ErrorDescription {
  const name = error instanceof Error ? error.name : typeof error;
  const raw = error instanceof Error ? error.message : String(error);
  const scrubbed = raw.replace(/\b[a-z][a-z0-9+.-]*:\/\/\S+/gi, '<url>').replace(/\b\d{5,}:[A-Za-z0-9_-]{30,}\b/g, '<token>');
  return { name, message: truncate(scrubbed.replace(/\s+/g, ' ').trim(), MAX_MESSAGE_CHARS) };
}

export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
