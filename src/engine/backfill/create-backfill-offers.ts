import type { BackfillJobRecord, BackfillJobStore } from '../ports/backfill-jobs.js';
import type { BarStore } from '../ports/bar-store.js';
import type { BackfillPace } from './backfill-pace.js';
import type { BackfillHandle, StartBackfillResult } from './backfill-manager.js';
import { describeUnknownSymbols, type SymbolCheck } from './check-symbols.js';
import { estimateBackfill, type BackfillEstimate } from './estimate-backfill.js';
import { planBackfill } from './plan-backfill.js';
import type { BackfillRequest } from './run-backfill.js';

/** How long a big backfill waits for its confirmation: as long as a conversation question. */
export const CONFIRM_WITHIN_MS = 5 * 60_000;

type Refusal = Exclude<StartBackfillResult, { kind: 'started' }>;

export type PrepareBackfillResult =
  | { readonly kind: 'started'; readonly handle: BackfillHandle; readonly estimate: BackfillEstimate }
  | { readonly kind: 'confirm'; readonly job: BackfillJobRecord; readonly estimate: BackfillEstimate }
  | Refusal;

export type ConfirmBackfillResult = StartBackfillResult | { readonly kind: 'not_pending'; readonly job?: BackfillJobRecord } | { readonly kind: 'expired' };

export interface BackfillOffersDeps {
  readonly store: BarStore;
  readonly jobs: BackfillJobStore;
  readonly clock: () => Date;
  readonly paceOf: (venue: string) => BackfillPace;
  readonly check: (request: BackfillRequest) => Refusal | undefined;
  readonly start: (request: BackfillRequest, options: { by?: number; job?: BackfillJobRecord }) => StartBackfillResult;
  readonly newJobId: () => string;
  readonly checkSymbols?: (venue: string, symbols: readonly string[]) => Promise<SymbolCheck>;
}

/**
 * No surprise huge work: a request is estimated (bars, disk, time) before it starts, and
 * one above CONFIRM_ABOVE is recorded as pending instead, to be started by a confirmation
 * tap within CONFIRM_WITHIN_MS. The record is durable, so the tap works across a restart.
 */
export function createBackfillOffers(deps: BackfillOffersDeps) {
  const now = () => deps.clock().getTime();
  const pending = (jobId: string) => deps.jobs.list().find((j) => j.id === jobId && j.state === 'pending');
  const close = (job: BackfillJobRecord, summary: string) => deps.jobs.save({ ...job, state: 'canceled', summary, endedAt: deps.clock().toISOString() });

  async function estimate(request: BackfillRequest): Promise<BackfillEstimate> {
    const pace = deps.paceOf(request.venue);
    return estimateBackfill(await planBackfill(deps.store, request, now(), pace), pace);
  }

  async function checkSymbols(venue: string, symbols: readonly string[]): Promise<string | undefined> {
    const found = await deps.checkSymbols?.(venue, symbols);
    return found === undefined || found.unknown.length === 0 ? undefined : describeUnknownSymbols(venue, found);
  }

  return {
    estimate,
    /** The sentence naming the symbols the venue does not know; undefined when it knows them all. */
    checkSymbols,
    pending,

    async prepare(request: BackfillRequest, options: { by?: number; ask?: 'when_big' | 'always' } = {}): Promise<PrepareBackfillResult> {
      const refused = deps.check(request);
      if (refused !== undefined) return refused;
      const unknown = await checkSymbols(request.venue, request.symbols);
      if (unknown !== undefined) return { kind: 'invalid', problem: unknown };
      const estimated = await estimate(request);
      if (!estimated.needsConfirmation && options.ask !== 'always') {
        const started = deps.start(request, options.by === undefined ? {} : { by: options.by });
        return started.kind === 'started' ? { ...started, estimate: estimated } : started;
      }
      const job: BackfillJobRecord = {
        id: deps.newJobId(),
        request,
        state: 'pending',
        startedAt: deps.clock().toISOString(),
        expiresAt: new Date(now() + CONFIRM_WITHIN_MS).toISOString(),
        ...(options.by === undefined ? {} : { by: options.by }),
      };
      await deps.jobs.save(job);
      return { kind: 'confirm', job, estimate: estimated };
    },

    /** Idempotent: a job that is no longer pending (started, discarded, expired) is not started again. */
    async confirm(jobId: string): Promise<ConfirmBackfillResult> {
      const job = pending(jobId);
      if (job === undefined) {
        const known = deps.jobs.list().find((j) => j.id === jobId);
        return known === undefined ? { kind: 'not_pending' } : { kind: 'not_pending', job: known };
      }
      if (now() >= Date.parse(job.expiresAt ?? job.startedAt)) {
        await close(job, 'not confirmed in time');
        return { kind: 'expired' };
      }
      const refused = deps.check(job.request);
      if (refused !== undefined) return refused;
      // Recorded as running before it starts: a crash from here on resumes it at start-up.
      const { expiresAt: _asked, ...rest } = job;
      const running: BackfillJobRecord = { ...rest, state: 'running', startedAt: deps.clock().toISOString() };
      await deps.jobs.save(running);
      return deps.start(job.request, { job: running });
    },

    async discard(jobId: string): Promise<boolean> {
      const job = pending(jobId);
      if (job === undefined) return false;
      await close(job, 'not started');
      return true;
    },
  };
}
