import type { Timers } from './timers.js';

export interface HeadOfLineLoopDeps<E> {
  /** The entry to work on next, or undefined when there is none (or the queue is paused). */
  readonly head: () => E | undefined;
  /** When the entry may be tried again (ISO), undefined for at once. */
  readonly dueAt: (entry: E) => string | undefined;
  /** Works on the entry; the loop looks at the head again when it settles. */
  readonly step: (entry: E) => Promise<void>;
  /** A step that threw: the entry stays at the head and is tried again. */
  readonly onStepError: (error: unknown) => void;
  readonly timers: Timers;
  readonly clock: () => Date;
}

/**
 * One queue worked strictly in order, one entry at a time: the head is tried when it is
 * due, and the next entry only once the head has left the queue. The outboxes' per-chat
 * senders and the webhook endpoints each run one; what a step does is theirs.
 */
export function createHeadOfLineLoop<E>(deps: HeadOfLineLoopDeps<E>) {
  let running = false;
  let stopped = true;
  let timer: unknown;
  /** Set by skipWait(): the head's backoff is skipped once. */
  let skipWait = false;

  function kick(): void {
    if (stopped || running) return;
    if (timer !== undefined) deps.timers.clearTimeout(timer);
    timer = undefined;
    const head = deps.head();
    if (head === undefined) return;
    const due = deps.dueAt(head);
    const wait = due === undefined || skipWait ? 0 : Date.parse(due) - deps.clock().getTime();
    skipWait = false;
    if (wait > 0) {
      timer = deps.timers.setTimeout(() => {
        timer = undefined;
        kick();
      }, wait);
      return;
    }
    running = true;
    void deps
      .step(head)
      .catch(deps.onStepError)
      .finally(() => {
        running = false;
        kick();
      });
  }

  return {
    kick,
    start(): void {
      stopped = false;
      kick();
    },
    /** Tries the head now, whatever its backoff said. */
    skipWait(): void {
      skipWait = true;
      kick();
    },
    stop(): void {
      stopped = true;
      if (timer !== undefined) deps.timers.clearTimeout(timer);
      timer = undefined;
    },
    stopped: () => stopped,
    busy: () => running,
  };
}
