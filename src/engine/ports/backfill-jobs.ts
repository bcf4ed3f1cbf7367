import type { BackfillRequest } from '../backfill/run-backfill.js';

/** `pending`: a big request waiting for its confirmation (see create-backfill-offers.ts). */
export type BackfillJobState = 'pending' | 'running' | 'done' | 'canceled' | 'failed';

export interface BackfillJobRecord {
  readonly id: string;
  readonly request: BackfillRequest;
  readonly state: BackfillJobState;
  readonly startedAt: string;
  readonly endedAt?: string;
  readonly by?: number;
  readonly summary?: string;
  /** A pending request is void after this. */
  readonly expiresAt?: string;
  /** Bars per series (`BTC/USDT 1h`) when the job first started, while it runs: a resumed job counts from there. */
  readonly storedBefore?: Readonly<Record<string, number>>;
  /** How often a restart resumed it. */
  readonly resumes?: number;
}

/** Backfill jobs, persisted: a job still "running" at start-up was interrupted. */
export interface BackfillJobStore {
  list(): readonly BackfillJobRecord[];
  save(job: BackfillJobRecord): Promise<void>;
}
