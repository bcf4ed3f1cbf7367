/**
 * Updates handled, by type, and how long the middleware took for each, recorded from the
 * first update on without loading prom-client (it loads with the first scrape). Durations
 * wait here until a scrape moves them into the histogram; if nobody ever scrapes, the
 * buffer stops growing at `maxPending` (the oldest are kept, later ones only counted).
 */
export function createUpdateRecorder(maxPending = 100_000) {
  const counts = new Map<string, number>();
  let pending: { type: string; seconds: number }[] = [];
  let dropped = 0;
  return {
    record(type: string, seconds: number): void {
      counts.set(type, (counts.get(type) ?? 0) + 1);
      if (pending.length < maxPending) pending.push({ type, seconds });
      else dropped += 1;
    },
    /** Totals by update type since start. */
    counts: (): ReadonlyMap<string, number> => counts,
    /** The durations recorded since the last call; the caller observes them. */
    drain(): { observations: readonly { type: string; seconds: number }[]; dropped: number } {
      const taken = { observations: pending, dropped };
      pending = [];
      dropped = 0;
      return taken;
    },
  };
}

export type UpdateRecorder = ReturnType<typeof createUpdateRecorder>;

/** `message`, `callback_query`, `edited_message`, …: the one field an update has besides its id. */
export function updateTypeOf(update: object): string {
  for (const key of Object.keys(update)) if (key !== 'update_id') return key;
  return 'unknown';
}
