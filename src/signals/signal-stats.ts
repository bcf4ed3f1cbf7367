/** How a request to /signals/<id> ended, as /metrics and /webhooks count it. */
export type SignalResult = 'proposed' | 'blocked' | 'duplicate' | 'invalid' | 'malformed' | 'unauthorized' | 'too_large' | 'rate_limited' | 'unavailable';

const ACCEPTED: ReadonlySet<SignalResult> = new Set(['proposed', 'blocked', 'duplicate']);

export interface SignalEvent {
  readonly at: string;
  readonly result: SignalResult;
  /** `p…` for an accepted one; the status and field for a refused one. */
  readonly detail: string;
}

export interface SourceStats {
  readonly counts: Readonly<Partial<Record<SignalResult, number>>>;
  readonly lastAccepted?: SignalEvent;
  readonly lastRefused?: SignalEvent;
}

/** Per source, since start: counts by result and the last accepted and refused request. */
export function createSignalStats(clock: () => Date) {
  const sources = new Map<string, { counts: Partial<Record<SignalResult, number>>; lastAccepted?: SignalEvent; lastRefused?: SignalEvent }>();
  return {
    record(sourceId: string, result: SignalResult, detail: string): void {
      let stats = sources.get(sourceId);
      if (stats === undefined) sources.set(sourceId, (stats = { counts: {} }));
      stats.counts[result] = (stats.counts[result] ?? 0) + 1;
      const event = { at: clock().toISOString(), result, detail };
      if (ACCEPTED.has(result)) stats.lastAccepted = event;
      else stats.lastRefused = event;
    },
    of: (sourceId: string): SourceStats => sources.get(sourceId) ?? { counts: {} },
    all: (): ReadonlyMap<string, SourceStats> => sources,
  };
}

export type SignalStats = ReturnType<typeof createSignalStats>;
