import { createThresholdRepository } from '../../../../src/store/threshold-repository.js';
import { createSimulatedMarket } from '../../../../src/engine/venues/sim/simulated-market.js';
import { parseAccounts } from '../../../../src/accounts-config.js';
import { createEventBus, type EngineEvent } from '../../../../src/engine/events.js';
import { createEngine, createTaskTracker, type Engine, type TaskTracker } from '../../../../src/engine/index.js';
import type { StoreDocument } from '../../../../src/store/open-store.js';
import { createTradingRepository } from '../../../../src/store/trading-repository.js';
import { createArchiver } from '../../../../src/store/archive-settled.js';
import type { HistoryLog } from '../../../../src/store/history/create-history-log.js';
import { createHistoryReader } from '../../../../src/store/history/create-history-reader.js';
import type { TradingState } from '../../../../src/engine/ports/trading-store.js';
import { createMemoryHistoryLog } from '../../../helpers/memory-history-log.js';
import { createScriptedVenue, type CallFate, type CallGuard, type VenuePlan } from '../../../helpers/scripted-broker.js';
import { createMemoryDecisionLog, createMemoryDocument, createTestClock, createTestMarketDeps } from '../../../helpers/test-engine.js';

/** Where a process dies: at the nth step labelled `on` (a store write or a venue call) after arming. */
export interface CrashPoint {
  readonly on: 'any' | 'write' | 'submitOrder' | 'getOrderByClientId';
  readonly nth: number;
  /** before: that write or request never happens; after: it lands, and the answer is never read. */
  readonly mode: 'before' | 'after';
}

export interface Process {
  readonly id: number;
  readonly engine: Engine;
  readonly tasks: TaskTracker;
  readonly dead: boolean;
  /** Store writes and venue calls so far. */
  readonly steps: number;
  /** Settles when the process dies. */
  readonly died: Promise<unknown>;
  arm(point: CrashPoint): void;
  kill(): void;
  /** Runs `work` in this process; `done: false` when the process died first (a killed process answers nothing). */
  run<T>(work: (engine: Engine) => Promise<T>): Promise<{ done: true; value: T } | { done: false }>;
}

export const ACCOUNT_ID = 'main';
const ACCOUNTS = `[{"id":"${ACCOUNT_ID}","venue":"paper","fillTimeoutSeconds":5}]`;
const never = <T>(): Promise<T> => new Promise<T>(() => undefined);

/**
 * One store document and one venue, outliving the engine processes built on them. A
 * process "dies" the way a killed one does: from that moment none of its writes reach
 * the document and none of its requests leave, and every promise it was waiting on hangs.
 * The engine is assembled as in tests/helpers/test-engine.ts, except that background task
 * failures are collected here (to fail the property) instead of thrown unhandled.
 */
export function createCrashableWorld(plan: VenuePlan, options: { uniqueness?: 'all' | 'open' } = {}) {
  const clock = createTestClock();
  const document = createMemoryDocument();
  const history = createMemoryHistoryLog();
  const venue = createScriptedVenue({ plan, clock, ...options });
  const parsed = parseAccounts(ACCOUNTS, {});
  if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
  const profile = parsed.accounts[0]!.profile;
  const failures: string[] = [];
  const events: EngineEvent[] = [];
  let boots = 0;

  function boot(): Process {
    const id = ++boots;
    let dead = false;
    let steps = 0;
    let armed: { point: CrashPoint; left: number } | undefined;
    let onDeath!: () => void;
    const died = new Promise<{ done: false }>((resolve) => (onDeath = () => resolve({ done: false })));
    const kill = () => {
      if (dead) return;
      dead = true;
      onDeath();
    };
    const guard: CallGuard = {
      get dead() {
        return dead;
      },
      step(label): CallFate {
        if (dead) return 'die_before';
        steps++;
        if (armed === undefined || (armed.point.on !== 'any' && armed.point.on !== label) || --armed.left > 0) return 'run';
        kill();
        return armed.point.mode === 'before' ? 'die_before' : 'die_after';
      },
    };
    const processDocument: StoreDocument = {
      read: () => document.read(),
      update(mutate) {
        const fate = guard.step('write');
        if (fate === 'die_before') return never();
        mutate(document.data);
        return fate === 'die_after' ? never() : Promise.resolve();
      },
    };
    // The history is a disk write too: a process can die right before or after it.
    const processHistory: HistoryLog = {
      ...history,
      append(entries) {
        if (entries.length === 0) return Promise.resolve();
        const fate = guard.step('write');
        if (fate === 'die_before') return never();
        const appended = history.append(entries);
        return fate === 'die_after' ? appended.then(() => never<void>()) : appended;
      },
    };
    const archiver = createArchiver({ document: processDocument, history: processHistory, clock: clock.now }, (error) =>
      failures.push(`process ${id}: archiving failed: ${String(error)}`),
    );
    const broker = venue.connect(guard);
    const tasks = createTaskTracker((name, error) => failures.push(`process ${id}: background task "${name}" failed: ${String(error)}`));
    const bus = createEventBus((error, event) => failures.push(`process ${id}: listener failed on ${event.type}: ${String(error)}`));
    bus.subscribe((event) => events.push(event));
    const engine = createEngine({
      version: '9.9.9',
      startedAt: clock.now(),
      clock: clock.now,
      store: { path: '/data/countersign.json', sizeBytes: async () => 2048 },
      tasks,
      trading: createTradingRepository({ document: processDocument, archiver }),
      history: createHistoryReader(processHistory),
      accounts: new Map([[profile.id, { profile, broker, market: broker }]]),
      events: bus,
      decisions: createMemoryDecisionLog(),
      thresholds: createThresholdRepository({ document: processDocument, history: processHistory }),
      market: createTestMarketDeps({ document: processDocument, clock: clock.now, market: createSimulatedMarket({ clock: clock.now }), events: bus }),
      sleep: async () => undefined,
    });
    return {
      id,
      engine,
      tasks,
      get dead() {
        return dead;
      },
      get steps() {
        return steps;
      },
      died,
      arm: (point) => void (armed = { point, left: point.nth }),
      kill,
      run: (work) => Promise.race([work(engine).then((value) => ({ done: true as const, value })), died]),
    };
  }

  let current = boot();

  /**
   * Abandons the current process, dead or alive, and starts one that reconciles in the
   * background as start-up does (src/app.ts) — unless a test lines up its own race.
   */
  function restart(downMs = 0, options: { reconcile?: boolean } = {}): Process {
    current.kill();
    clock.advance(downMs);
    const next = boot();
    current = next;
    if (options.reconcile !== false) next.tasks.run('reconcile orders at start', () => next.engine.reconcile());
    return next;
  }

  return {
    clock,
    document,
    venue,
    failures,
    events,
    restart,
    get process() {
      return current;
    },
    get boots() {
      return boots;
    },
    /** What is persisted, live and settled: what a new process would find. */
    trading: (): TradingState => {
      const live = document.read().trading as TradingState;
      const settled = (kind: string) => Object.fromEntries(history.entries.filter((e) => e.kind === kind).map((e) => [e.id, e.value]));
      return { ...live, proposals: { ...settled('proposal'), ...live.proposals }, orders: { ...settled('order'), ...live.orders } } as TradingState;
    },
    history,
    /** Waits until the live process has no background work, restarting after every death. */
    async drain(maxRestarts = 20): Promise<boolean> {
      for (let i = 0; i <= maxRestarts; i++) {
        const process = current;
        const drained = await process.run(() => process.tasks.drain(10_000));
        if (drained.done) return drained.value;
        restart();
      }
      return false;
    },
  };
}

export type CrashableWorld = ReturnType<typeof createCrashableWorld>;
