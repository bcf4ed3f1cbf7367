/** Where one record sits: a segment (by position in the segment list), a byte range, a time. */
export interface Location {
  readonly segment: number;
  readonly offset: number;
  readonly length: number;
  readonly at: string;
  readonly id: string;
  /** A later record with the same kind and id replaced this one. */
  superseded: boolean;
}

interface KindIndex {
  /** In append order, which is file order within a segment and segment order overall. */
  readonly locations: Location[];
  readonly byId: Map<string, Location>;
}

/**
 * The in-memory index of the history segments, rebuilt on open: per kind, every record's
 * location in append order, and the latest one per id. It holds no records, only where
 * they are, so it stays a few tens of bytes per record.
 */
export function createHistoryIndex() {
  const kinds = new Map<string, KindIndex>();
  const kindIndex = (kind: string): KindIndex => {
    let index = kinds.get(kind);
    if (index === undefined) {
      index = { locations: [], byId: new Map() };
      kinds.set(kind, index);
    }
    return index;
  };
  return {
    add(kind: string, location: Omit<Location, 'superseded'>): void {
      const index = kindIndex(kind);
      const entry: Location = { ...location, superseded: false };
      const previous = index.byId.get(location.id);
      if (previous !== undefined) previous.superseded = true;
      index.byId.set(location.id, entry);
      index.locations.push(entry);
    },
    get: (kind: string, id: string): Location | undefined => kinds.get(kind)?.byId.get(id),
    has: (kind: string, id: string): boolean => kinds.get(kind)?.byId.has(id) === true,
    /** Current records of a kind, oldest first; from `since` on when given. */
    list(kind: string, since?: string): Location[] {
      const locations = kinds.get(kind)?.locations ?? [];
      const first = since === undefined ? 0 : firstAtOrAfter(locations, since);
      const out: Location[] = [];
      for (let i = first; i < locations.length; i++) {
        const location = locations[i] as Location;
        if (!location.superseded) out.push(location);
      }
      return out;
    },
    /** The newest `limit` current records of a kind, newest first. */
    latest(kind: string, limit: number): Location[] {
      const locations = kinds.get(kind)?.locations ?? [];
      const out: Location[] = [];
      for (let i = locations.length - 1; i >= 0 && out.length < limit; i--) {
        const location = locations[i] as Location;
        if (!location.superseded) out.push(location);
      }
      return out;
    },
    count: (kind: string): number => kinds.get(kind)?.byId.size ?? 0,
  };
}

export type HistoryIndex = ReturnType<typeof createHistoryIndex>;

/**
 * Binary search on archive time. Times are appended in order except when the clock steps
 * back, which at worst makes a window read start a little late or early around that step.
 */
function firstAtOrAfter(locations: readonly Location[], since: string): number {
  let low = 0;
  let high = locations.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((locations[middle] as Location).at < since) low = middle + 1;
    else high = middle;
  }
  return low;
}
