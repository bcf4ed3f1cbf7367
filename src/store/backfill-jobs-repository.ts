import type { BackfillJobStore } from '../engine/ports/backfill-jobs.js';
import type { Store } from './open-store.js';

const KEEP_FINISHED = 50;

export function createBackfillJobsRepository(store: Pick<Store, 'document'>): BackfillJobStore {
  const { document } = store;
  return {
    list: () => Object.values(document.read().backfills),
    async save(job) {
      await document.update((data) => {
        data.backfills[job.id] = { ...job, request: { ...job.request, symbols: [...job.request.symbols], timeframes: [...job.request.timeframes] } };
        // Finished jobs are history: keep the newest few so the file stays small.
        const finished = Object.values(data.backfills)
          .filter((j) => j.state !== 'running')
          .sort((a, b) => b.startedAt.localeCompare(a.startedAt));
        for (const old of finished.slice(KEEP_FINISHED)) delete data.backfills[old.id];
      });
    },
  };
}
