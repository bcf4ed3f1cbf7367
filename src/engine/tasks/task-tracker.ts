/**
 * Long work never runs inside an update handler (DESIGN principle 7): handlers start it
 * here and answer at once. The tracker remembers what is running so shutdown, and the
 * local chat when its input ends, can wait for it instead of cutting it off.
 */
export interface TaskTracker {
  /** Starts `work` in the background; a failure goes to `onError`, never unhandled. */
  run(name: string, work: () => Promise<unknown>): void;
  /** Names of the tasks running now. */
  active(): string[];
  /** Resolves true once nothing runs (including tasks started meanwhile), false on timeout. */
  drain(timeoutMs: number): Promise<boolean>;
}

export function createTaskTracker(onError: (name: string, error: unknown) => void): TaskTracker {
  const running = new Map<number, { name: string; done: Promise<void> }>();
  let nextId = 0;

  return {
    run(name, work) {
      const id = nextId++;
      const done = Promise.resolve()
        .then(work)
        .then(
          () => undefined,
          (error: unknown) => onError(name, error),
        )
        .finally(() => running.delete(id));
      running.set(id, { name, done });
    },
    active: () => [...running.values()].map((t) => t.name),
    async drain(timeoutMs) {
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<false>((resolve) => {
        timer = setTimeout(() => resolve(false), timeoutMs);
      });
      const settled = (async () => {
        // A task may start another one: wait until a pass finds nothing new.
        while (running.size > 0) await Promise.all([...running.values()].map((t) => t.done));
        return true as const;
      })();
      try {
        return await Promise.race([settled, timedOut]);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
