/**
 * Remembers the most recent update ids so that an update Telegram delivers twice (it
 * redelivers whenever it did not see a 2xx in time) is processed once.
 */
export interface UpdateDeduper {
  /**
   * True when this id was seen before. The first call for an id returns false and
   * records it at once, so a concurrent second delivery is already a duplicate.
   */
  isDuplicate(updateId: number): boolean;
  /**
   * Drops an id again, for an update that could not be dispatched at all: its
   * redelivery must then be processed rather than swallowed.
   */
  forget(updateId: number): void;
  /** How many ids are remembered now (at most the capacity). */
  size(): number;
}

/**
 * A bounded FIFO set: once `capacity` ids are held, remembering a new one evicts the
 * oldest. Telegram redelivers within hours, not after thousands of newer updates, so
 * the last 10,000 ids cover every realistic retry with a fixed ~0.5 MB of memory.
 */
export function createUpdateDeduper(capacity = 10_000): UpdateDeduper {
  if (!Number.isSafeInteger(capacity) || capacity < 1) {
    throw new RangeError(`capacity must be a positive integer, got ${capacity}`);
  }
  const seen = new Set<number>();
  // A ring of insertion order: eviction stays O(1) and the hot path never allocates.
  const order = new Float64Array(capacity);
  let next = 0;
  let filled = 0;

  return {
    isDuplicate(updateId) {
      if (seen.has(updateId)) return true;
      if (filled === capacity) {
        // The slot may hold an id that was forgotten already; deleting it again is harmless.
        seen.delete(order[next] as number);
      } else {
        filled += 1;
      }
      order[next] = updateId;
      next = next + 1 === capacity ? 0 : next + 1;
      seen.add(updateId);
      return false;
    },
    forget(updateId) {
      // The ring slot stays; when it is evicted later the delete is a no-op, or it
      // drops a re-remembered id early, which only shortens that id's window.
      seen.delete(updateId);
    },
    size: () => seen.size,
  };
}
