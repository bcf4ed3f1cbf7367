import type { DocumentStringifier } from '../stringify-document.js';
import { collectionAt, isCut, pathKey, type Collection } from './document-layout.js';

/**
 * Journal operations, each a JSON array:
 * - `["put", path, value]` sets a part (or a whole collection); `["put", path]` removes it;
 * - `["set", path, key, value]` sets one record of a collection: a record already there
 *   keeps its place, a new one goes last (as assigning an object key does in JavaScript);
 * - `["del", path, key]` removes one record.
 */
export type JournalOp = readonly ['put', readonly string[], unknown?] | readonly ['set' | 'del', readonly string[], string, unknown?];

interface RecordText {
  readonly ref: unknown;
  readonly text: string;
  readonly sealed: boolean;
}

/**
 * Remembers the text of every piece of the document as last written, and turns the next
 * version of the document into the journal operations that lead to it. It compares texts,
 * so an edit made in place is seen like any other; a frozen record that is still the same
 * object is known unchanged without serializing it again.
 */
export class DocumentDiffer {
  #parts = new Map<string, string>();
  #collections = new Map<string, Map<string, RecordText>>();
  /** Objects cut into their fields (see document-layout.ts). */
  #cut = new Set<string>();

  constructor(private readonly stringify: DocumentStringifier) {}

  /** Takes `data` as what the files hold now. */
  reset(data: object): void {
    this.#parts.clear();
    this.#collections.clear();
    this.#cut.clear();
    this.diff(data);
  }

  /** The operations (as JSON texts) from the last version to `data`, which becomes the last version. */
  diff(data: object): string[] {
    const ops: string[] = [];
    const seen = new Set<string>();
    const cut = new Set<string>();
    for (const [path, value] of piecesOf(data, [], cut)) {
      seen.add(pathKey(path));
      const collection = collectionAt(path);
      if (collection !== undefined && typeof value === 'object' && value !== null) this.#diffCollection(collection, path, value, ops);
      else this.#diffPart(path, value, ops);
    }
    const gone = [...this.#parts.keys(), ...this.#collections.keys(), ...this.#cut].filter((key) => !seen.has(key) && !cut.has(key));
    for (const key of gone) {
      this.#parts.delete(key);
      this.#collections.delete(key);
    }
    // A part that became an object to cut is no longer written whole.
    for (const key of cut) this.#parts.delete(key);
    this.#cut = cut;
    // Only the outermost of what went away: removing an endpoint removes its fields with it.
    const removals = gone
      .filter((key) => !(JSON.parse(key) as string[]).some((_, i, path) => i > 0 && gone.includes(pathKey(path.slice(0, i)))))
      .map((key) => `["put",${key}]`);
    return [...removals, ...ops];
  }

  #diffPart(path: readonly string[], value: unknown, ops: string[]): void {
    const key = pathKey(path);
    this.#collections.delete(key);
    const { text } = this.stringify(value);
    if (text === this.#parts.get(key)) return;
    if (text === undefined) {
      this.#parts.delete(key);
      ops.push(`["put",${key}]`);
    } else {
      this.#parts.set(key, text);
      ops.push(`["put",${key},${text}]`);
    }
  }

  #diffCollection(collection: Collection, at: readonly string[], value: object, ops: string[]): void {
    const key = pathKey(at);
    this.#parts.delete(key);
    const before = this.#collections.get(key);
    const next = new Map<string, RecordText>();
    const changed: string[] = [];
    // Each record needs a key and a text, and each key must be unique; else the collection is written whole.
    let keyed = true;
    // The same keys in the same order as before, so far: then no record moved or went away.
    let inOrder = before !== undefined;
    const beforeKeys = before?.keys();
    const visit = (id: string, item: unknown): void => {
      const previous = before?.get(id);
      const current = previous !== undefined && previous.sealed && previous.ref === item ? previous : this.#textOf(item);
      if (current === undefined || next.has(id)) {
        keyed = false;
        return;
      }
      if (previous?.text !== current.text) changed.push(id);
      if (inOrder && beforeKeys?.next().value !== id) inOrder = false;
      next.set(id, current);
    };
    if (Array.isArray(value)) {
      for (const item of value as unknown[]) {
        if (typeof item === 'object' && item !== null && collection.keyOf !== undefined) visit(collection.keyOf(item as Record<string, unknown>), item);
        else keyed = false;
      }
    } else {
      for (const [id, item] of Object.entries(value)) if (item !== undefined) visit(id, item);
    }
    if (inOrder && beforeKeys?.next().done !== true) inOrder = false;
    if (!keyed) {
      // Without a key per record there is no baseline either: written whole until it has one.
      this.#collections.delete(key);
      ops.push(`["put",${key},${this.stringify(value).text}]`);
      return;
    }
    this.#collections.set(key, next);
    // Nothing moved or went away: each changed record is set where it is (the common case).
    const records = before === undefined ? undefined : inOrder ? { deleted: [] } : recordOps(before, next, changed);
    if (records === undefined) {
      // No earlier version to build on, or a change the record operations cannot say.
      ops.push(`["put",${key},${wholeText(Array.isArray(value), next)}]`);
      return;
    }
    for (const id of records.deleted) ops.push(`["del",${key},${JSON.stringify(id)}]`);
    for (const id of changed) ops.push(`["set",${key},${JSON.stringify(id)},${next.get(id)?.text}]`);
  }

  #textOf(item: unknown): RecordText | undefined {
    const { text, sealed } = this.stringify(item);
    return text === undefined ? undefined : { ref: item, text, sealed };
  }
}

/**
 * The pieces the journal writes on their own, depth first; the objects cut on the way
 * (whose own removal removes everything in them) are added to `cut`.
 */
function* piecesOf(value: object, path: readonly string[], cut: Set<string>): Generator<[readonly string[], unknown]> {
  for (const [field, inner] of Object.entries(value)) {
    const at = [...path, field];
    if (typeof inner === 'object' && inner !== null && !Array.isArray(inner) && isCut(at)) {
      cut.add(pathKey(at));
      yield* piecesOf(inner, at, cut);
    } else {
      yield [at, inner];
    }
  }
}

/**
 * The deletions that, with a `set` of each changed record, turn `before` into `next` in
 * its exact order; undefined if no such list exists. Two shapes cover what the repositories
 * do: records changed in place (new ones appended), or changed records moved to the end
 * (a slot message touched last).
 */
function recordOps(before: Map<string, RecordText>, next: Map<string, RecordText>, changed: readonly string[]): { deleted: string[] } | undefined {
  const order = [...next.keys()];
  const removed = [...before.keys()].filter((id) => !next.has(id));
  const kept = [...before.keys()].filter((id) => next.has(id));
  const added = changed.filter((id) => !before.has(id));
  if (sameOrder(order, [...kept, ...added])) return { deleted: removed };
  const changedSet = new Set(changed);
  const moved = kept.filter((id) => changedSet.has(id));
  if (sameOrder(order, [...kept.filter((id) => !changedSet.has(id)), ...changed])) return { deleted: [...removed, ...moved] };
  return undefined;
}

function sameOrder(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i]);
}

function wholeText(isArray: boolean, records: Map<string, RecordText>): string {
  if (isArray) return `[${[...records.values()].map((r) => r.text).join(',')}]`;
  return `{${[...records].map(([id, r]) => `${JSON.stringify(id)}:${r.text}`).join(',')}}`;
}
