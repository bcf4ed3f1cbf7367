import { join } from 'node:path';
import { Api, type Bot } from 'grammy';
import type { Config } from './config.js';
import type { Logger } from './logger.js';
import { createTaskTracker, type Engine, type TaskTracker } from './engine/index.js';
import type { BotContext } from './bot/context.js';
import { createBot } from './bot/create-bot.js';
import { BUTTONS, COMMANDS, INTENT_EXECUTORS } from './handlers/command-registry.js';
import { createInbound } from './bot/inbound/create-inbound.js';
import { createInboundRepository } from './store/inbound-repository.js';
import { LOCAL_BOT_INFO, LOCAL_TOKEN, LOCAL_USER } from './bot/local/local-identity.js';
import { createChatScreen, type ScreenOutput } from './bot/local/chat-screen.js';
import { describeRunningWork, type RunningWork } from './bot/local/describe-running-work.js';
import { createLocalBotApi, type LocalBotApi } from './bot/local/local-bot-api.js';
import { startLocalMode } from './bot/local/start-local-mode.js';
import { createNotifier } from './bot/notifier.js';
import type { RunningTransport } from './bot/running-transport.js';
import { keepSettingCommandMenus } from './bot/set-commands.js';
import { startPolling } from './bot/start-polling.js';
import { createUserDirectory, type UserDirectory } from './bot/user-directory.js';
import { hasRole } from './roles.js';
import { createJobRuntime } from './jobs/create-job-runtime.js';
import { startWebhook } from './server/start-webhook.js';
import { createMetaRepository } from './store/meta-repository.js';
import { openStore } from './store/open-store.js';
import { JOBS } from '../schedules/index.js';
import { VERSION } from './version.js';
import { settlesWithin } from './server/settles-within.js';
import { StartAbortedError, throwIfStopRequested } from './start-aborted-error.js';
import { createTradingEngine } from './create-trading-engine.js';
import { createDelivery } from './create-delivery.js';
import { createReportSender } from './bot/report-sender.js';
import { createSignals } from './create-signals.js';
import type { ExtraRoutes } from './server/create-signal-routes.js';
import { createNotificationReconciler } from './bot/reconcile-notifications.js';
import { createBreakerAlerts } from './alerts/create-breaker-alerts.js';
import { createResearchRuntime } from './create-research-runtime.js';
import { createResearchDesk } from './bot/research/create-research-desk.js';
import { createResearchReportFiles } from './store/research-report-files.js';
import { createResearchJob } from '../schedules/research.js';

export interface AppIo {
  input: NodeJS.ReadableStream;
  /** A terminal (process.stdout) when interactive: the local chat draws its prompt there. */
  output: ScreenOutput;
  interactive: boolean;
  /**
   * Aborted when the process is asked to stop (SIGTERM, SIGINT). Start-up checks it between
   * steps and passes it to the network calls that may hang; once aborted, whatever had
   * started is stopped, the data directory released, and startApp rejects with
   * StartAbortedError.
   */
  signal?: AbortSignal;
}

export interface RunningApp {
  readonly bot: Bot<BotContext>;
  readonly engine: Engine;
  /** Resolves when the app ended by itself (the local chat's input ended). */
  readonly done: Promise<void>;
  /**
   * Graceful stop: no new updates, in-flight ones and background work finish, store flushed,
   * data directory released. Each step is bounded, so it ends within STOP_BUDGET_MS.
   */
  stop(): Promise<void>;
}

/** main.ts gives up at 9.5 s; every step of stop() fits in this, the store's close included. */
const STOP_BUDGET_MS = 8_500;
/** Kept for the last step: flushing and closing the store, which releases the lock. */
const STORE_CLOSE_RESERVE_MS = 1_000;

/** Composition root: store → engine → bot → transport → jobs. Throws typed errors on a bad start. */
export async function startApp(config: Config, logger: Logger, io: AppIo, clock: () => Date = () => new Date()): Promise<RunningApp> {
  const startedAt = clock();
  throwIfStopRequested(io.signal);
  const store = await openStore({ dataDir: config.dataDir, clock, onArchiveError: (error) => logger.error({ err: error }, 'moving settled records to the history failed; retried on the next change') });
  if (store.migratedFromVersion !== null) logger.warn({ from: store.migratedFromVersion, path: store.path }, 'store migrated; the old file was kept as a .bak');
  let phase: 'starting' | 'ok' | 'stopping' = 'starting';
  const tasks = createTaskTracker((name, error) => logger.error({ err: error, task: name }, 'background task failed'));
  let transport: RunningTransport | undefined;
  // What started before the transport (the outboxes, the tap worker), for an abandoned start.
  let stopStarted = async (): Promise<void> => undefined;
  try {
    throwIfStopRequested(io.signal);
    await createMetaRepository(store).recordStart(startedAt);
    const local = config.mode === 'local';
    const users = createUserDirectory(local ? new Map([[LOCAL_USER.id, 'owner' as const]]) : config.telegram.users);
    const { engine, events, dependencyHealth, warmUpHistory, decisionCounts } = await createTradingEngine(config, store, tasks, logger, clock, startedAt);
    throwIfStopRequested(io.signal);
    // Local mode answers the Bot API in-process and prints the chat.
    const localApi = local
      ? createLocalBotApi({ botInfo: LOCAL_BOT_INFO, filesDir: join(config.dataDir, 'outbox-files'), screen: createChatScreen(io.output, io.interactive), clock })
      : undefined;
    const client = localApi === undefined ? { apiRoot: config.telegram.apiRoot } : { fetch: localApi.fetch };
    const token = config.telegram.token ?? LOCAL_TOKEN;
    const chats = getChats(config, users);
    // Cards, edits, replies, reports and alerts: durable, paced, on an Api of their own.
    const deliveryApi = new Api(token, client);
    const delivery = createDelivery({
      store,
      api: deliveryApi,
      alertChats: () => chats.ownerChats,
      messagesPerSecond: config.telegram.messagesPerSecond,
      clock,
      logger,
      // The terminal chat has no Telegram limits to keep.
      ...(local ? { gate: { privateIntervalMs: 0, groupIntervalMs: 0 } } : {}),
    });
    // Signed webhooks out, signals in, /metrics; every alert raised also goes out as a webhook.
    const signals = await createSignals({ config, store, engine, events, tasks, delivery, logger, clock, jobs: () => runtime.tracker.list(), breakers: () => dependencyHealth.snapshot(), decisions: decisionCounts });
    const { outbox } = delivery;
    const alerts = signals.alerts;
    // Every breaker, registered now or later (Telegram's too), reaches the chat once per outage.
    dependencyHealth.onBreakerChange(createBreakerAlerts({ alerts, logger }));
    // The terminal chat is not Telegram: no connection to watch.
    if (!local) dependencyHealth.register('telegram', delivery.telegram, 'telegram');
    const research = createResearchRuntime({ config, engine, accounts: engine.accountRuntimes, events, history: store.history, health: dependencyHealth, clock });
    const researchDesk = createResearchDesk({
      research,
      outbox,
      reports: createResearchReportFiles(config.dataDir),
      approverChats: chats.approverChats,
      typing: (chatId) => deliveryApi.sendChatAction(chatId, 'typing'),
      tasks,
      clock,
      logger,
    });
    const runtime = createJobRuntime({
      jobs: research.enabled ? JOBS.map((job) => (job.name === 'research' ? createResearchJob(researchDesk) : job)) : JOBS,
      engine,
      scanTimeframes: config.market.scanTimeframes,
      logger,
      clock,
      startedAt,
      overrides: config.jobs.overrides,
      heartbeat: config.heartbeat,
      dependencies: () => dependencyHealth.snapshot(),
      alerts,
      outboxDepth: () => alerts.depth() + outbox.depth(),
      // Trade outcomes, then research ideas' outcomes: one job, one line each.
      outcomes: { update: async () => `${await engine.outcomes.update()}; ${await research.updateOutcomes()}` },
      reports: createReportSender(engine, outbox, chats.approverChats),
    });
    const inboundRepository = createInboundRepository(store);
    const inbound = createInbound({
      repository: inboundRepository,
      executors: INTENT_EXECUTORS,
      services: { engine, alerts },
      // What a tap's outcome tells the chat afterwards goes through the durable outbox.
      notify: (chatId, text) => outbox.send(chatId, { text }),
      tasks,
      logger,
      clock,
    });
    const bot = createBot(
      { config, logger, engine, users, clock, alerts, outbox, messageIds: delivery.messageIds, directSends: delivery.directSends, alertSettings: delivery.alertSettings, jobs: runtime.scheduler, health: runtime.health, displayTimezone: config.displayTimezone, inbound, research: researchDesk, ...(signals.panel === undefined ? {} : { signals: signals.panel }) },
      localApi === undefined ? { token, apiRoot: config.telegram.apiRoot } : { token, botInfo: LOCAL_BOT_INFO, fetch: localApi.fetch },
      { commands: COMMANDS, buttons: BUTTONS },
    );
    signals.instrument(bot, deliveryApi);
    const notify = createNotifier({
      outbox,
      approverChats: chats.approverChats,
      alerts,
      isLive: (id) => engine.account(id)?.live === true,
      tradingMode: config.tradingMode,
      logger,
      clock,
    });
    events.subscribe((event) => tasks.run(`notify ${event.type}`, () => notify(event)));
    // 503 from /healthz while a CRITICAL condition holds (see critical-conditions.ts).
    const degraded = () => (runtime.healthCache.last()?.critical.length ?? 0) > 0;
    const health = () => ({
      status: phase === 'ok' && degraded() ? ('degraded' as const) : phase,
      mode: config.mode,
      uptimeSeconds: Math.floor((clock().getTime() - startedAt.getTime()) / 1000),
      version: VERSION,
    });

    // What waited in the outboxes (a restart after an outage) goes out from now on.
    delivery.start();
    stopStarted = async () => {
      await signals.stop();
      inbound.stop();
      delivery.stop();
    };
    transport = await startTransport(config, {
      bot,
      logger,
      io,
      tasks,
      clock,
      health,
      localApi,
      outboxIdle: () => outbox.idle(),
      describeWork: () => (localApi === undefined ? [] : describeRunningWork(tasks.active(), engine.market.runningBackfills(), localApi.board)),
      firstLocalUpdateId: inboundRepository.nextId(),
      routes: signals.routes,
    });
    throwIfStopRequested(io.signal);
    // The webhook loops, and in polling and local mode the HTTP_PORT server.
    await signals.start(health);
    throwIfStopRequested(io.signal);
    // Cosmetic: never waited for, never a reason not to start (see set-commands.ts).
    const menus = keepSettingCommandMenus({ api: new Api(token, client), commands: COMMANDS, users, logger });
    // Orders left mid-flight by a crash or a deploy are brought to their true state first;
    // backfills a crash interrupted pick up where their bars end.
    tasks.run('reconcile orders at start', () => engine.reconcile());
    // A temporary threshold that ended while the bot was down is recorded and told now.
    tasks.run('revert ended temporary thresholds', () => engine.thresholds.revertExpired());
    for (const resumed of engine.market.resumeInterruptedBackfills()) {
      if (resumed.kind === 'started') tasks.run(`backfill ${resumed.handle.job.id}`, () => resumed.handle.done);
    }
    // Taps recorded and not carried out before a crash: decided now. After the backfills
    // resumed, so a recorded Cancel reaches the job it names.
    tasks.run('carry out recorded taps', () => inbound.intents.recover());
    // A crash between a change and its message leaves nothing queued: find it and queue it.
    const reconcileNotifications = createNotificationReconciler({ engine, outbox, approverChats: chats.approverChats, isLive: (id) => engine.account(id)?.live === true, clock });
    tasks.run('check the chats against the store', reconcileNotifications);
    // The jobs go on their timers in the background: loading the scheduler does not hold up readiness.
    tasks.run('put the jobs on their timers', () => runtime.start());
    researchDesk.start();
    tasks.run('first health report', () => runtime.health());
    // Statistics and P&L read the history through projections: built now, not on the first /stats.
    tasks.run('read the history', warmUpHistory);
    phase = 'ok';
    logger.info({ mode: config.mode, trading: config.tradingMode, version: VERSION, data: config.dataDir }, 'Countersign started');

    const running = transport;
    let stopping: Promise<void> | undefined;
    const stop = () =>
      (stopping ??= (async () => {
        phase = 'stopping';
        const left = createStopBudget();
        void menus.stop();
        // No new signals first; the transport next, so no new updates.
        await stopStep('signals', signals.stop(), left(), logger);
        await stopStep('transport', running.stop(), left(), logger);
        inbound.stop();
        await stopStep('jobs', runtime.stop(), left(), logger);
        researchDesk.stop();
        // A running backfill stops at its next page and resumes at the next start, instead
        // of holding the shutdown up until the drain below gives up on it.
        await stopStep('backfills', engine.market.suspendBackfills(), left(), logger);
        delivery.stop();
        const finished = await tasks.drain(left());
        if (!finished) logger.warn({ tasks: tasks.active() }, 'background tasks still running at shutdown');
        await store.close();
        logger.info('Countersign stopped');
      })());
    return { bot, engine, done: running.done, stop };
  } catch (error) {
    // Stop what started, in the order of stop(); the transport first, so nothing new comes in.
    if (transport !== undefined) await stopStep('transport', transport.stop(), STOP_BUDGET_MS / 2, logger);
    await stopStep('started parts', stopStarted(), STOP_BUDGET_MS / 4, logger);
    await tasks.drain(STORE_CLOSE_RESERVE_MS);
    await store.close();
    throw io.signal?.aborted === true && !(error instanceof StartAbortedError) ? new StartAbortedError({ cause: error }) : error;
  }
}

/** Milliseconds left for the next step of stop(), keeping the store's close its share. */
function createStopBudget(): () => number {
  const deadline = Date.now() + STOP_BUDGET_MS - STORE_CLOSE_RESERVE_MS;
  return () => Math.max(0, deadline - Date.now());
}

/** A stop step that failed or hangs is logged and left behind: the store must still close. */
async function stopStep(name: string, work: Promise<unknown>, budgetMs: number, logger: Logger): Promise<void> {
  const guarded = work.catch((error: unknown) => logger.error({ err: error, step: name }, 'a stop step failed; stopping the rest'));
  if (!(await settlesWithin(guarded, budgetMs))) logger.warn({ step: name, budgetMs }, 'a stop step took too long; stopping the rest');
}

/** Proposals go to the group if there is one, else to each approver's private chat. */
function getChats(config: Config, users: UserDirectory) {
  const group = config.telegram.chatId;
  const withRole = (role: 'approver' | 'owner') => users.list().filter((u) => hasRole(u.role, role)).map((u) => u.id);
  return {
    approverChats: group === undefined ? withRole('approver') : [group],
    ownerChats: group === undefined ? withRole('owner') : [group],
  };
}

interface TransportDeps {
  bot: Bot<BotContext>;
  logger: Logger;
  io: AppIo;
  tasks: TaskTracker;
  clock: () => Date;
  health: () => { status: 'starting' | 'ok' | 'stopping' | 'degraded'; mode: string; uptimeSeconds: number; version: string };
  localApi: LocalBotApi | undefined;
  outboxIdle: () => Promise<void>;
  describeWork: () => RunningWork[];
  /** Above every update id the store recorded: local chat ids restart with each run. */
  firstLocalUpdateId: number;
  /** `/signals/<id>` and `/metrics`, served by the webhook server in webhook mode. */
  routes: ExtraRoutes;
}

function startTransport(config: Config, deps: TransportDeps): Promise<RunningTransport> {
  switch (config.mode) {
    case 'local': {
      const { localApi } = deps;
      if (localApi === undefined) throw new Error('local mode without the local Bot API');
      return Promise.resolve(
        startLocalMode({
          bot: deps.bot,
          config,
          version: VERSION,
          tasks: deps.tasks,
          input: deps.io.input,
          ...(deps.io.interactive ? { terminal: deps.io.output as NodeJS.WritableStream } : {}),
          screen: localApi.screen,
          board: localApi.board,
          clock: deps.clock,
          outboxIdle: deps.outboxIdle,
          describeWork: deps.describeWork,
          firstUpdateId: deps.firstLocalUpdateId,
        }),
      );
    }
    case 'polling':
      return startPolling(deps.bot, deps.logger, deps.io.signal);
    case 'webhook':
      if (config.webhook === undefined) throw new Error('webhook mode without webhook settings');
      return startWebhook({ bot: deps.bot, webhook: config.webhook, logger: deps.logger, health: deps.health, signal: deps.io.signal, routes: deps.routes });
  }
}
