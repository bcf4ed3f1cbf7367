import { randomInt } from 'node:crypto';
import type { EventSink } from '../events.js';
import type { BarSource } from '../ports/bar-source.js';
import type { BackfillJobRecord, BackfillJobStore } from '../ports/backfill-jobs.js';
import type { BarStore } from '../ports/bar-store.js';
import { summarizeBackfill } from './summarize-backfill.js';
import { runBackfill, type BackfillDeps, type BackfillProgress, type BackfillReport, type BackfillRequest } from './run-backfill.js';

export interface BackfillHandle {
  readonly job: BackfillJobRecord;
  readonly done: Promise<BackfillReport>;
  cancel(): void;
}

export type StartBackfillResult =
  | { readonly kind: 'started'; readonly handle: BackfillHandle }
  | { readonly kind: 'busy'; readonly running: BackfillJobRecord }
  | { readonly kind: 'invalid'; readonly problem: string };

export interface BackfillManagerDeps {
  readonly sources: ReadonlyMap<string, BarSource>;
  readonly store: BarStore;
  readonly jobs: BackfillJobStore;
  readonly clock: () => Date;
  readonly concurrency: number;
  readonly findGaps: BackfillDeps['findGaps'];
  /** Progress and the final report go out as engine events; the notifier shows them. */
  readonly events: EventSink;
}

/**
 * Runs backfills, at most one per venue: a second request for a busy venue is told which
 * job holds it. Jobs are recorded, so one interrupted by a crash resumes at start-up.
 */
export function createBackfillManager(deps: BackfillManagerDeps) {
  const running = new Map<string, { job: BackfillJobRecord; controller: AbortController; suspended: boolean; done?: Promise<unknown> }>();
  // A job can finish before its chat message exists (nothing left to fetch): keep the last
  // reports so attaching the message still shows the outcome.
  const recent = new Map<string, { job: BackfillJobRecord; report: BackfillReport }>();

  function start(request: BackfillRequest, options: { by?: number; job?: BackfillJobRecord } = {}): StartBackfillResult {
    const source = deps.sources.get(request.venue);
    if (source === undefined) return { kind: 'invalid', problem: `no market data for venue "${request.venue}" (venues: ${[...deps.sources.keys()].join(', ')})` };
    if (request.symbols.length === 0 || request.timeframes.length === 0) return { kind: 'invalid', problem: 'name at least one symbol and one timeframe' };
    const busy = running.get(request.venue);
    if (busy !== undefined) return { kind: 'busy', running: busy.job };

    const job: BackfillJobRecord = options.job ?? {
      id: `b${deps.clock().getTime().toString(36)}${randomInt(36 ** 3).toString(36)}`,
      request,
      state: 'running',
      startedAt: deps.clock().toISOString(),
      ...(options.by === undefined ? {} : { by: options.by }),
    };
    // The entry's job is the one record of truth: attachMessage updates it while it runs.
    const entry: { job: BackfillJobRecord; controller: AbortController; suspended: boolean; done?: Promise<unknown> } = { job, controller: new AbortController(), suspended: false };
    running.set(request.venue, entry);
    const finish = (changes: Partial<BackfillJobRecord>) => {
      entry.job = { ...entry.job, ...changes, endedAt: deps.clock().toISOString() };
    };
    const done = (async () => {
      try {
        await deps.jobs.save(job);
        const onProgress = (progress: BackfillProgress) => deps.events.emit({ type: 'backfill_progress', job: entry.job, progress });
        const report = await runBackfill({ ...deps, source, signal: entry.controller.signal, onProgress }, request);
        // Stopped by a shutdown: the record stays "running", so the next start carries on.
        if (entry.suspended) return report;
        finish({ state: report.canceled ? 'canceled' : 'done', summary: summarizeBackfill(report) });
        recent.set(entry.job.id, { job: entry.job, report });
        if (recent.size > 20) recent.delete(recent.keys().next().value as string);
        deps.events.emit({ type: 'backfill_finished', job: entry.job, report });
        return report;
      } catch (error) {
        finish({ state: 'failed', summary: error instanceof Error ? error.message : String(error) });
        throw error;
      } finally {
        running.delete(request.venue);
        await deps.jobs.save(entry.job);
      }
    })();
    entry.done = done;
    return { kind: 'started', handle: { job, done, cancel: () => entry.controller.abort() } };
  }

  return {
    start,
    /** A job that ended in this process, with its report: for a message attached after the end. */
    finished: (jobId: string): { job: BackfillJobRecord; report: BackfillReport } | undefined => recent.get(jobId),
    cancel(jobId: string): boolean {
      const entry = [...running.values()].find((r) => r.job.id === jobId);
      entry?.controller.abort();
      return entry !== undefined;
    },
    running: (): BackfillJobRecord[] => [...running.values()].map((r) => r.job),
    /**
     * For a shutdown: every running job stops at its next page, keeps what it stored and
     * stays "running" in its record, so the next start resumes it instead of reporting it
     * canceled. Resolves once they have stopped.
     */
    async suspendAll(): Promise<void> {
      const stopping = [...running.values()];
      for (const entry of stopping) {
        entry.suspended = true;
        entry.controller.abort();
      }
      await Promise.all(stopping.map((entry) => entry.done?.catch(() => undefined)));
    },
    venues: (): string[] => [...deps.sources.keys()],
    /** Jobs a crash left "running": to be started again (the store knows where they were). */
    interrupted: (): BackfillJobRecord[] => deps.jobs.list().filter((j) => j.state === 'running' && ![...running.values()].some((r) => r.job.id === j.id)),
  };
}

export type BackfillManager = ReturnType<typeof createBackfillManager>;
