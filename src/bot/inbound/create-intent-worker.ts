import type { TaskTracker } from '../../engine/index.js';
import type { Logger } from '../../logger.js';
import type { InboundRepository } from '../../store/inbound-repository.js';
import type { Intent } from '../../store/inbound-schema.js';
import type { IntentExecutors, IntentOutcome, IntentServices } from './intent-executor.js';

export interface IntentWorkerDeps {
  readonly inbound: InboundRepository;
  readonly executors: IntentExecutors;
  readonly services: IntentServices;
  /**
   * Tells a chat what came of an intent ("Approval refused: …"). One function on purpose:
   * the composition root decides whether it sends directly or through a durable outbox.
   */
  readonly notify: (chatId: number, text: string) => Promise<unknown>;
  readonly tasks: TaskTracker;
  readonly logger: Logger;
  readonly clock: () => Date;
  /** Waits before carrying out a failed intent again; the last one repeats. */
  readonly retryDelaysMs?: readonly number[];
}

export interface IntentWorker {
  /** Records the intent with its update id, durably; false for an update recorded before (a redelivery). */
  record(intent: Intent): Promise<boolean>;
  /**
   * Carries out a recorded intent now. Undefined when it was done already or failed (it
   * stays recorded and is retried); never throws, so a handler can await it.
   */
  run(intent: Intent): Promise<IntentOutcome | undefined>;
  /** Carries out, oldest first, every intent an earlier process recorded and did not finish. */
  recover(): Promise<void>;
  /** Cancels pending retries (they run again at the next start). */
  stop(): void;
}

const DEFAULT_RETRY_DELAYS_MS = [5_000, 30_000, 120_000, 600_000];

/**
 * The inbound worker (DESIGN "Durability at the edges"): a decision tap is recorded as an
 * intent before it is answered, and this carries it out — at once, again after a failure,
 * and at start-up after a crash. Idempotent by update id (one run at a time, and a done
 * intent is not run again) and by target (the engine decides a proposal once).
 */
export function createIntentWorker(deps: IntentWorkerDeps): IntentWorker {
  const delays = deps.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
  const inFlight = new Map<number, Promise<IntentOutcome | undefined>>();
  const failures = new Map<number, number>();
  const retries = new Set<NodeJS.Timeout>();
  let stopped = false;

  const run = (intent: Intent, recovered: boolean): Promise<IntentOutcome | undefined> => {
    const running = inFlight.get(intent.updateId);
    if (running !== undefined) return running;
    const started = carryOut(intent, recovered).finally(() => inFlight.delete(intent.updateId));
    inFlight.set(intent.updateId, started);
    return started;
  };

  async function carryOut(intent: Intent, recovered: boolean): Promise<IntentOutcome | undefined> {
    if (!deps.inbound.isPending(intent.updateId)) return undefined;
    const log = deps.logger.child({ update_id: intent.updateId, intent: intent.kind, target: intent.target });
    let outcome: IntentOutcome;
    try {
      outcome = await deps.executors[intent.kind](intent, deps.services, { recovered });
    } catch (error) {
      log.error({ err: error }, 'carrying out a recorded tap failed; it stays recorded and is retried');
      scheduleRetry(intent);
      return undefined;
    }
    failures.delete(intent.updateId);
    try {
      await deps.inbound.completeIntent(intent, outcome.result, deps.clock());
    } catch (error) {
      // Done, but still recorded: the next start runs it again, and the executor allows that.
      log.error({ err: error }, 'a carried-out tap could not be marked done');
    }
    log.debug({ result: outcome.result, recovered }, 'recorded tap carried out');
    if (outcome.message !== undefined) await tell(intent, outcome.message, log);
    return outcome;
  }

  async function tell(intent: Intent, text: string, log: Logger): Promise<void> {
    try {
      await deps.notify(intent.chatId, text);
    } catch (error) {
      log.warn({ err: error, chat_id: intent.chatId }, 'could not tell the chat what came of a tap');
    }
  }

  function scheduleRetry(intent: Intent): void {
    if (stopped) return;
    const count = (failures.get(intent.updateId) ?? 0) + 1;
    failures.set(intent.updateId, count);
    const delay = delays[Math.min(count, delays.length) - 1] ?? 600_000;
    const timer = setTimeout(() => {
      retries.delete(timer);
      deps.tasks.run(`retry tap ${intent.updateId}`, () => run(intent, false));
    }, delay);
    timer.unref();
    retries.add(timer);
  }

  return {
    record: (intent) => deps.inbound.addIntent(intent),
    run: (intent) => run(intent, false),
    async recover() {
      const left = deps.inbound.pendingIntents();
      if (left.length > 0) deps.logger.info({ intents: left.length }, 'carrying out taps recorded before a restart');
      for (const intent of left) await run(intent, true);
    },
    stop() {
      stopped = true;
      for (const timer of retries) clearTimeout(timer);
      retries.clear();
    },
  };
}
