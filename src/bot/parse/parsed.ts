/**
 * What every parser of command arguments returns: the typed value, or a sentence for the
 * person that names what was wrong and what is valid. Parsers are pure; the handler
 * replies with `error` as it is.
 */
export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

/** A word from the chat, shortened so an error can quote it without flooding the chat. */
export function quote(word: string): string {
  return `"${word.length > 32 ? `${word.slice(0, 32)}…` : word}"`;
}
