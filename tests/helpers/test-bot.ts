import { Api } from 'grammy';
import { pino } from 'pino';
import { createConfig } from '../../src/config.js';
import { createBot } from '../../src/bot/create-bot.js';
import { createNotifier } from '../../src/bot/notifier.js';
import { createUserDirectory } from '../../src/bot/user-directory.js';
import { LOCAL_BOT_INFO } from '../../src/bot/local/local-identity.js';
import type { HealthReport } from '../../src/engine/health/collect-health.js';
import type { Engine, TaskTracker } from '../../src/engine/index.js';
import type { JobDeps } from '../../src/jobs/job-deps.js';
import type { ScheduledJob } from '../../src/jobs/scheduled-job.js';
import { createDelivery, type Delivery } from '../../src/create-delivery.js';
import type { BotDeps } from '../../src/bot/context.js';
import { createChatExchange } from './chat-exchange.js';
import { createTestJobRuntime, botDepsOf } from './test-job-runtime.js';
import { createRecordingFetch, type ApiFailure } from './record-api.js';
import { createTestInbound } from './test-inbound.js';
import type { QuestionTimers } from '../../src/bot/conversations/question-deadlines.js';
import { createTestEngine, type TestEngineOptions } from './test-engine.js';
import { BUTTONS, COMMANDS } from '../../src/handlers/command-registry.js';
import type { SignalsPanel } from '../../src/signals/signals-panel.js';

export const OWNER = 111;
export const APPROVER = 222;
export const VIEWER = 333;
export const STRANGER = 999;

export const TEST_TOKEN = '123456789:AAHn5xTestTokenTestTokenTestToken0';

export interface TestBotOptions {
  engine?: TestEngineOptions;
  /** Makes the engine's status fail with this error (for the error boundary). */
  failStatusWith?: Error;
  /** The scheduled jobs (default: every job under schedules/). */
  jobs?: readonly ScheduledJob<JobDeps>[];
  /** A fixed report for /health instead of the runtime's measured one. */
  health?: () => Promise<HealthReport>;
  /** Who `say` and `press` speak as when no sender is given (default the owner). */
  user?: number;
  /** Research for /research, built on this bot's engine and outbox (tests/research/research-harness.ts). */
  research?: (parts: { harness: ReturnType<typeof createTestEngine>; outbox: Delivery['outbox']; approverChats: readonly number[] }) => BotDeps['research'];
  /** Replaces engine operations, e.g. an approval that never finishes (a process about to die). */
  engineOverrides?: (engine: Engine) => Partial<Engine>;
  /** Telegram refuses these calls (see createRecordingFetch). */
  apiFailure?: (method: string) => ApiFailure | undefined;
  /** How long the inbound worker waits before retrying a failed intent. */
  intentRetryDelaysMs?: readonly number[];
  /** Timers for question deadlines; default the real ones (unref'd). */
  questionTimers?: QuestionTimers;
  /** What /webhooks shows and does (none by default, as without SIGNAL_WEBHOOKS). */
  signals?: SignalsPanel;
}

/**
 * A real grammY Bot with the full middleware stack and notifier, a complete engine on
 * memory, the real job runtime (not started: `runtime.start()` puts the jobs on their
 * timers, and then `runtime.stop()` is the test's to call), and a recorder in place of
 * Telegram. `say` and `press` send an update and return what the bot did.
 */
export function createTestBot(env: Record<string, string> = {}, options: TestBotOptions = {}) {
  const config = createTestConfig(env);
  const logLines: string[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => logLines.push(line) });
  const harness = createTestEngine(options.engine);
  const clock = harness.clock.now;
  const failure = options.failStatusWith;
  const engine: Engine = {
    ...harness.engine,
    ...(failure === undefined ? {} : { getStatus: () => Promise.reject(failure) }),
    ...options.engineOverrides?.(harness.engine),
  };
  const recorder = createRecordingFetch(options.apiFailure === undefined ? {} : { fail: options.apiFailure });
  const api = new Api(TEST_TOKEN, { fetch: recorder.fetch });
  const group = config.telegram.chatId;
  const approverChats = group === undefined ? [OWNER, APPROVER] : [group];
  // Alert ids a test can name: alert-1, alert-2 …
  let alertCount = 0;
  const delivery = createDelivery({
    store: harness,
    api,
    alertChats: () => (group === undefined ? [OWNER] : [group]),
    messagesPerSecond: 1_000,
    clock,
    logger,
    // Telegram's pacing is the gate's own test's business; here messages go at once.
    gate: { privateIntervalMs: 0, groupIntervalMs: 0 },
    newAlertId: () => `alert-${++alertCount}`,
  });
  const { alerts, outbox } = delivery;
  outbox.start();
  const runtime = createTestJobRuntime({ config, engine: harness.engine, alerts, outbox, reportChats: approverChats, logger, clock, ...(options.jobs === undefined ? {} : { jobs: options.jobs }) });
  const research = options.research?.({ harness, outbox, approverChats });
  const inbound = createTestInbound({
    document: harness.document,
    history: harness.history,
    engine,
    alerts,
    // As src/app.ts wires it: through the durable outbox, recorded like every other call.
    notify: (chatId, text) => outbox.send(chatId, { text }),
    tasks: harness.tasks,
    logger,
    clock,
    ...(options.intentRetryDelaysMs === undefined ? {} : { retryDelaysMs: options.intentRetryDelaysMs }),
    ...(options.questionTimers === undefined ? {} : { questionTimers: options.questionTimers }),
  });
  const deps = { config, logger, engine, users: createUserDirectory(config.telegram.users), clock, alerts, outbox, messageIds: delivery.messageIds, directSends: delivery.directSends, inbound, ...botDepsOf(runtime, config, harness.document), ...(research === undefined ? {} : { research }) };
  const bot = createBot(
    { ...deps, ...(options.health === undefined ? {} : { health: options.health }), ...(options.signals === undefined ? {} : { signals: options.signals }) },
    { token: TEST_TOKEN, botInfo: { ...LOCAL_BOT_INFO, username: 'countersign_test_bot' }, fetch: recorder.fetch },
    { commands: COMMANDS, buttons: BUTTONS },
  );
  const settle = createSettle(harness.tasks, delivery);
  const notify = createNotifier({
    outbox,
    approverChats,
    alerts,
    isLive: (id) => harness.engine.account(id)?.live === true,
    tradingMode: config.tradingMode,
    logger,
    clock,
  });
  harness.bus.subscribe((event) => harness.tasks.run(`notify ${event.type}`, () => notify(event)));
  const chat = createChatExchange({ bot, calls: recorder.calls, settle, defaultUser: options.user ?? OWNER });
  return { bot, calls: recorder.calls, config, logLines, settle, alerts, outbox, delivery, runtime, inbound, ...chat, ...harness, engine };
}

function createTestConfig(env: Record<string, string>) {
  return createConfig({
    TELEGRAM_BOT_TOKEN: TEST_TOKEN,
    TELEGRAM_ALLOWED_USERS: `${OWNER}:owner,${APPROVER}:approver,${VIEWER}:viewer`,
    DATA_DIR: '/tmp/countersign-test-unused',
    // What the test engine scans, so /health watches the same series.
    SCAN_TIMEFRAMES: '1h,1d',
    ...env,
  });
}

/**
 * Waits for background work (approvals, execution, notifications) and for the outbox to
 * hand what they queued to Telegram; a failure in that work throws here. Messages that a
 * test makes fail stay queued: waiting for them would never end.
 */
function createSettle(tasks: TaskTracker, delivery: Delivery): () => Promise<void> {
  const failures = keepBackgroundFailures(tasks);
  return async () => {
    const deadline = Date.now() + 5_000;
    for (;;) {
      if (!(await tasks.drain(Math.max(1, deadline - Date.now())))) throw new Error('background work did not settle');
      const waiting = delivery.outbox.backlog();
      if (waiting.waiting === 0 || waiting.failingChats.length > 0 || Date.now() > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    const [first] = failures.splice(0);
    if (first !== undefined) throw first;
  };
}

export type TestBot = ReturnType<typeof createTestBot>;

/**
 * Keeps what background tasks throw, for `settle` to throw in the test that started them.
 * The test engine's tracker would raise them as unhandled rejections instead, which fail
 * the run but are blamed on whichever test happens to be running.
 */
function keepBackgroundFailures(tasks: TaskTracker): Error[] {
  const failures: Error[] = [];
  const run = tasks.run.bind(tasks);
  tasks.run = (name, work) =>
    run(name, () =>
      Promise.resolve()
        .then(work)
        .catch((error: unknown) => {
          failures.push(new Error(`background task ${name} failed`, { cause: error }));
        }),
    );
  return failures;
}
