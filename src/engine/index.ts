/**
 * The engine facade: the one thing handlers and scheduled jobs call. Framework-free:
 * everything outside (storage, clocks, brokers) comes in through narrow ports.
 */
import { getStatus, type StatusReport } from './health/get-status.js';
import type { TaskTracker } from './tasks/task-tracker.js';

export type { StatusReport } from './health/get-status.js';
export { createTaskTracker, type TaskTracker } from './tasks/task-tracker.js';

export interface StorePort {
  readonly path: string;
  sizeBytes(): Promise<number>;
}

export interface EngineDeps {
  version: string;
  startedAt: Date;
  clock: () => Date;
  store: StorePort;
  tasks: TaskTracker;
}

export interface Engine {
  getStatus(): Promise<StatusReport>;
  readonly tasks: TaskTracker;
}

export function createEngine(deps: EngineDeps): Engine {
  return {
    tasks: deps.tasks,
    async getStatus() {
      return getStatus({
        version: deps.version,
        startedAt: deps.startedAt,
        now: deps.clock(),
        store: { path: deps.store.path, sizeBytes: await deps.store.sizeBytes() },
        pending: [{ label: 'background tasks', count: deps.tasks.active().length }],
      });
    },
  };
}
