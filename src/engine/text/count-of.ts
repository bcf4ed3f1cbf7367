/**
 * A count with its noun, singular or plural: `1 symbol`, `3 symbols`, `1 series`. Messages,
 * job summaries and alerts all use it, so no reader meets "1 symbols".
 */
export function countOf(count: number, singular: string, plural = `${singular}s`): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? singular : plural}`;
}

/** The indefinite article for a word a person reads: `an order`, `an account`, `a symbol`. */
export function withArticle(word: string): string {
  return `${/^[aeiou]/i.test(word) ? 'an' : 'a'} ${word}`;
}
