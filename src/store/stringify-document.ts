/**
 * JSON text of store data, the same as `JSON.stringify(value)`, except that the text of an
 * object frozen all the way down is computed once and reused while that object lives.
 *
 * Why: a burst of outside signals can leave a thousand pending proposals and as many queued
 * cards in the document (about 3 MB). The store freezes the records it keeps (`deepFreeze`)
 * and replaces a record to change it, so the journal tells a changed record from an
 * unchanged one by its text without serializing the thousand others again, and a snapshot
 * reuses their text.
 * An object is cached only when it and everything inside it are frozen: nothing can change
 * under its cached text, so the file never holds stale data, whoever froze what.
 */
export interface Stringified {
  /** Undefined where JSON.stringify gives undefined (an undefined value, a function). */
  readonly text: string | undefined;
  /** Frozen all the way down: the same object will always have this text. */
  readonly sealed: boolean;
}

export type DocumentStringifier = (value: unknown) => Stringified;

export function createDocumentStringifier(): DocumentStringifier {
  const cache = new WeakMap<object, string>();

  /**
   * Appends the text of `value` to `out` and says whether it is sealed. Pieces go to one
   * array joined once at the end: joining at every level copied megabytes once per level.
   */
  const append = (value: object, out: string[]): boolean => {
    const cached = cache.get(value);
    if (cached !== undefined) {
      out.push(cached);
      return true;
    }
    if (typeof (value as { toJSON?: unknown }).toJSON === 'function') {
      out.push(JSON.stringify(value));
      return false;
    }
    const start = out.length;
    let sealed = Object.isFrozen(value);
    const isArray = Array.isArray(value);
    out.push(isArray ? '[' : '{');
    let first = true;
    for (const key of Object.keys(value)) {
      const item = (value as Record<string, unknown>)[key];
      const comma = first ? '' : ',';
      if (typeof item === 'object' && item !== null) {
        out.push(isArray ? comma : `${comma}${JSON.stringify(key)}:`);
        sealed = append(item, out) && sealed;
      } else {
        const text = JSON.stringify(item);
        // As JSON.stringify: undefined (and functions) are null in an array, left out of an object.
        if (isArray) out.push(`${comma}${text ?? 'null'}`);
        else if (text !== undefined) out.push(`${comma}${JSON.stringify(key)}:${text}`);
        else continue;
      }
      first = false;
    }
    out.push(isArray ? ']' : '}');
    if (sealed) cache.set(value, out.slice(start).join(''));
    return sealed;
  };

  return (value) => {
    if (typeof value !== 'object' || value === null) return { text: JSON.stringify(value), sealed: true };
    const out: string[] = [];
    const sealed = append(value, out);
    return { text: out.join(''), sealed };
  };
}
