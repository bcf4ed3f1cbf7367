import type { BackfillRequest } from '../backfill/run-backfill.js';

export type BackfillJobState = 'running' | 'done' | 'canceled' | 'failed';

export interface BackfillJobRecord {
  readonly id: string;
  readonly request: BackfillRequest;
  readonly state: BackfillJobState;
  readonly startedAt: string;
  readonly endedAt?: string;
  readonly by?: number;
  readonly summary?: string;
}

/** Backfill jobs, persisted: a job still "running" at start-up was interrupted. */
export interface BackfillJobStore {
  list(): readonly BackfillJobRecord[];
  save(job: BackfillJobRecord): Promise<void>;
}
