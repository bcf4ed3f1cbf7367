/**
 * How the journal cuts the store document into pieces it can write on their own.
 *
 * A collection holds many records of one kind (pending proposals, queued messages): each
 * record is journaled alone, so a change to one of a thousand writes one. Everything else
 * is a part: one top-level field, or one field of a section that holds collections, written
 * whole when its text changed.
 */
export interface Collection {
  /** `[section, field]`, e.g. `['trading', 'proposals']`. */
  readonly path: readonly [string, string];
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
];

/** The sections that hold a collection: their other fields are parts of their own. */
export const SPLIT_SECTIONS = new Set(COLLECTIONS.map((c) => c.path[0]));

export const pathKey = (path: readonly string[]) => path.join('.');

const BY_PATH = new Map(COLLECTIONS.map((c) => [pathKey(c.path), c]));

export function collectionAt(path: readonly string[]): Collection | undefined {
  return BY_PATH.get(pathKey(path));
}
