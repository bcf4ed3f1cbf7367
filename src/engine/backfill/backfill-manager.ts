import { randomInt } from 'node:crypto';
import type { EventSink } from '../events.js';
import type { BarSource } from '../ports/bar-source.js';
import type { BackfillJobRecord, BackfillJobStore } from '../ports/backfill-jobs.js';
import type { BarStore } from '../ports/bar-store.js';
import { DEFAULT_PACE, SIM_PACE, type BackfillPace } from './backfill-pace.js';
import { createBackfillOffers } from './create-backfill-offers.js';
import { summarizeBackfill } from './summarize-backfill.js';
import { countStored, runBackfill, type BackfillDeps, type BackfillProgress, type BackfillReport, type BackfillRequest } from './run-backfill.js';
import type { SymbolCheck } from './check-symbols.js';

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
  /** How fast each venue hands out history, for estimates; default SIM_PACE for `sim`, else DEFAULT_PACE. */
  readonly paces?: ReadonlyMap<string, BackfillPace>;
  /** Which symbols a venue does not know; without it every symbol is tried. */
  readonly checkSymbols?: (venue: string, symbols: readonly string[]) => Promise<SymbolCheck>;
}

/**
 * Runs backfills, at most one per venue: a second request for a busy venue is told which
 * job holds it. Jobs are recorded, so one interrupted by a crash resumes at start-up and
 * its report still counts what the earlier runs stored. A big request waits for a yes
 * first (see create-backfill-offers.ts).
 */
export function createBackfillManager(deps: BackfillManagerDeps) {
  const running = new Map<string, { job: BackfillJobRecord; controller: AbortController; suspended: boolean; done?: Promise<unknown> }>();
  // A job can finish before its chat message exists (nothing left to fetch): keep the last
  // reports so attaching the message still shows the outcome.
  const recent = new Map<string, { job: BackfillJobRecord; report: BackfillReport }>();
  const paceOf = (venue: string) => deps.paces?.get(venue) ?? (venue === 'sim' ? SIM_PACE : DEFAULT_PACE);

  function check(request: BackfillRequest): Exclude<StartBackfillResult, { kind: 'started' }> | undefined {
    if (!deps.sources.has(request.venue)) return { kind: 'invalid', problem: `no market data for venue "${request.venue}" (venues: ${[...deps.sources.keys()].join(', ')})` };
    if (request.symbols.length === 0 || request.timeframes.length === 0) return { kind: 'invalid', problem: 'name at least one symbol and one timeframe' };
    const busy = running.get(request.venue);
    return busy === undefined ? undefined : { kind: 'busy', running: busy.job };
  }

  const newJobId = () => `b${deps.clock().getTime().toString(36)}${randomInt(36 ** 3).toString(36)}`;

  /** `resume`: the job was running when the process stopped, and carries on (counted in `resumes`). */
  function start(request: BackfillRequest, options: { by?: number; job?: BackfillJobRecord; resume?: boolean } = {}): StartBackfillResult {
    const refused = check(request);
    if (refused !== undefined) return refused;
    const source = deps.sources.get(request.venue) as BarSource;
    const resumed = options.resume === true && options.job !== undefined;
    const job: BackfillJobRecord = {
      ...(options.job ?? { id: newJobId(), request }),
      state: 'running',
      startedAt: options.job?.state === 'running' ? options.job.startedAt : deps.clock().toISOString(),
      ...(options.by === undefined ? {} : { by: options.by }),
      ...(resumed ? { resumes: (options.job?.resumes ?? 0) + 1 } : {}),
    };
    // The entry's job is the one record of truth: attachMessage updates it while it runs.
    const entry: { job: BackfillJobRecord; controller: AbortController; suspended: boolean; done?: Promise<unknown> } = { job, controller: new AbortController(), suspended: false };
    running.set(request.venue, entry);
    const finish = (changes: Partial<BackfillJobRecord>) => {
      // What the job stored before is only needed while it can still resume.
      const { storedBefore: _done, ...rest } = entry.job;
      entry.job = { ...rest, ...changes, endedAt: deps.clock().toISOString() };
    };
    const done = (async () => {
      try {
        const storedBefore = job.storedBefore ?? (await countStored(deps.store, request));
        entry.job = { ...entry.job, storedBefore };
        await deps.jobs.save(entry.job);
        const onProgress = (progress: BackfillProgress) => deps.events.emit({ type: 'backfill_progress', job: entry.job, progress });
        const runDeps = { ...deps, source, pace: paceOf(request.venue), signal: entry.controller.signal, onProgress };
        const report = await runBackfill(runDeps, request, { storedBefore });
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

  const offers = createBackfillOffers({ ...deps, paceOf, check, start, newJobId });

  return {
    start,
    /** Checks and estimates a request: starts it, or records it to be confirmed when it is big. */
    prepare: offers.prepare,
    /** Starts a recorded request on its confirmation (a decision tap). */
    confirm: offers.confirm,
    /** Drops a recorded request that was not confirmed. */
    discard: offers.discard,
    /** A request waiting for its confirmation, if `jobId` is one. */
    pending: offers.pending,
    estimate: offers.estimate,
    checkSymbols: offers.checkSymbols,
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
