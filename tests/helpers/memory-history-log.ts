import type { HistoryEntry, HistoryLog } from '../../src/store/history/create-history-log.js';

/**
 * The history log on an array, with the same contract as the file one: appends are
 * visible once their promise resolves, a later record of an id replaces the earlier one,
 * listeners hear every append. `entries` is what a restart would find.
 */
export function createMemoryHistoryLog(options: { beforeAppend?: () => Promise<void> } = {}): HistoryLog & { entries: HistoryEntry[]; find<T>(kind: string, id: string): T | undefined } {
  const entries: HistoryEntry[] = [];
  const listeners = new Set<(appended: readonly HistoryEntry[]) => void>();
  const current = (kind: string) => {
    const latest = new Map<string, HistoryEntry>();
    for (const entry of entries) if (entry.kind === kind) latest.set(entry.id, entry);
    return [...latest.values()];
  };
  const copy = <T>(entry: HistoryEntry): HistoryEntry<T> => structuredClone(entry) as HistoryEntry<T>;
  return {
    entries,
    /** The latest record of an id, synchronously: for assertions. */
    find: <T>(kind: string, id: string) => entries.findLast((e) => e.kind === kind && e.id === id)?.value as T | undefined,
    async append(appended) {
      if (appended.length === 0) return;
      await options.beforeAppend?.();
      const stored = structuredClone(appended);
      entries.push(...stored);
      for (const listener of listeners) listener(stored);
    },
    has: (kind, id) => entries.some((e) => e.kind === kind && e.id === id),
    get: async <T>(kind: string, id: string) => current(kind).find((e) => e.id === id)?.value as T | undefined,
    latest: async <T>(kind: string, limit: number) => current(kind).reverse().slice(0, limit).map((e) => copy<T>(e)),
    async *scan<T>(kind: string, since?: Date) {
      const from = since?.toISOString() ?? '';
      for (const entry of current(kind)) if (entry.at >= from) yield copy<T>(entry);
    },
    async *scanSummaries<S, T = unknown>(kind: string, since?: Date) {
      const from = since?.toISOString() ?? '';
      for (const entry of current(kind)) {
        if (entry.at < from) continue;
        yield entry.summary === undefined ? { value: structuredClone(entry.value) as T } : { summary: structuredClone(entry.summary) as S };
      }
    },
    count: (kind) => current(kind).length,
    onAppend(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: async () => undefined,
  };
}
