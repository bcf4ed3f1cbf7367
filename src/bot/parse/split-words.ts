/** The words of a command's arguments, blanks dropped. */
export function splitWords(text: string): string[] {
  return text.split(/\s+/).filter((w) => w.length > 0);
}
