/**
 * One worker per order at a time. Execution runs in the background while the minute-by-
 * minute check and start-up reconciliation walk the same orders; two of them sending or
 * settling one order at once could send it twice. One process owns the data directory,
 * so an in-memory lock is enough.
 */
export interface OrderLocks {
  /** Runs `work` holding the order's lock, waiting for it if needed. */
  run<T>(clientOrderId: string, work: () => Promise<T>): Promise<T>;
  /** Runs `work` only if nobody holds the lock; undefined means "busy, skipped". */
  tryRun<T>(clientOrderId: string, work: () => Promise<T>): Promise<T | undefined>;
}

export function createOrderLocks(): OrderLocks {
  const held = new Map<string, Promise<unknown>>();
  const hold = <T>(id: string, work: () => Promise<T>): Promise<T> => {
    const running = work().finally(() => {
      if (held.get(id) === running) held.delete(id);
    });
    held.set(id, running);
    return running;
  };
  return {
    async run(id, work) {
      while (held.has(id)) await held.get(id)?.catch(() => undefined);
      return hold(id, work);
    },
    tryRun: (id, work) => (held.has(id) ? Promise.resolve(undefined) : hold(id, work)),
  };
}
