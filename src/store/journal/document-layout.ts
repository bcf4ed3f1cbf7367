/**
 * How the journal cuts the store document into pieces it can write on their own.
 *
 * A collection holds many records of one kind (pending proposals, queued messages): each
 * record is journaled alone, so a change to one of a thousand writes one. The objects on
 * the way to a collection are cut into their fields; every other field is a part, written
 * whole when its text changed.
 */
export interface Collection {
  /** Field names from the top, `*` for any key: `['webhooks', 'endpoints', '*', 'entries']`. */
  readonly path: readonly string[];
  /** Arrays only: what identifies an item. Object collections use their keys. */
  readonly keyOf?: (item: Record<string, unknown>) => string;
}

const byChatAndId = (item: Record<string, unknown>) => `${String(item.chatId)}:${String(item.id)}`;

export const COLLECTIONS: readonly Collection[] = [
  { path: ['trading', 'proposals'] },
  { path: ['trading', 'orders'] },
  { path: ['outbox', 'entries'], keyOf: byChatAndId },
  { path: ['outbox', 'slots'] },
  { path: ['alerts', 'outbox'], keyOf: byChatAndId },
  { path: ['signals', 'seen'] },
  { path: ['webhooks', 'endpoints', '*', 'entries'], keyOf: (item) => String(item.id) },
];

/** A path as a map key, and as the journal writes it: JSON, since record keys may hold any character. */
export const pathKey = (path: readonly string[]) => JSON.stringify(path);

const startsLike = (pattern: readonly string[], path: readonly string[]) => path.every((part, i) => pattern[i] === '*' || pattern[i] === part);

export function collectionAt(path: readonly string[]): Collection | undefined {
  return COLLECTIONS.find((c) => c.path.length === path.length && startsLike(c.path, path));
}

/** Whether the object at `path` is cut into its fields: a collection lies below it. */
export function isCut(path: readonly string[]): boolean {
  return path.length === 0 || COLLECTIONS.some((c) => c.path.length > path.length && startsLike(c.path, path));
}
