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
import { createLocalBotApi, type KeyboardRef } from './bot/local/local-bot-api.js';
import { startLocalMode } from './bot/local/start-local-mode.js';
import { createNotifier } from './bot/notifier.js';
import type { RunningTransport } from './bot/running-transport.js';
import { setCommandMenus } from './bot/set-commands.js';
import { startPolling } from './bot/start-polling.js';
import { createUserDirectory, type UserDirectory } from './bot/user-directory.js';
import { hasRole } from './roles.js';
import { createJobRuntime } from './jobs/create-job-runtime.js';
import { startWebhook } from './server/start-webhook.js';
import { createMetaRepository } from './store/meta-repository.js';
import { openStore } from './store/open-store.js';
import { JOBS } from '../schedules/index.js';
import { VERSION } from './version.js';
import { createTradingEngine } from './create-trading-engine.js';
import { createDelivery } from './create-delivery.js';
import { createReportSender } from './bot/report-sender.js';
import { createNotificationReconciler } from './bot/reconcile-notifications.js';
import { createBreakerAlerts } from './alerts/create-breaker-alerts.js';

export interface AppIo {
  input: NodeJS.ReadableStream;
  output: { write(text: string): unknown };
  interactive: boolean;
}

export interface RunningApp {
  readonly bot: Bot<BotContext>;
  readonly engine: Engine;
  /** Resolves when the app ended by itself (the local chat's input ended). */
  readonly done: Promise<void>;
  /** Graceful stop: no new updates, in-flight ones and background work finish, store flushed. */
  stop(): Promise<void>;
}

/** Composition root: store → engine → bot → transport → jobs. Throws typed errors on a bad start. */
export async function startApp(config: Config, logger: Logger, io: AppIo, clock: () => Date = () => new Date()): Promise<RunningApp> {
  const startedAt = clock();
  const store = await openStore({ dataDir: config.dataDir, clock, onArchiveError: (error) => logger.error({ err: error }, 'moving settled records to the history failed; retried on the next change') });
  if (store.migratedFromVersion !== null) logger.warn({ from: store.migratedFromVersion, path: store.path }, 'store migrated; the old file was kept as a .bak');
  let phase: 'starting' | 'ok' | 'stopping' = 'starting';
  try {
    await createMetaRepository(store).recordStart(startedAt);
    const tasks = createTaskTracker((name, error) => logger.error({ err: error, task: name }, 'background task failed'));
    const local = config.mode === 'local';
    const users = createUserDirectory(local ? new Map([[LOCAL_USER.id, 'owner' as const]]) : config.telegram.users);
    const { engine, events, dependencyHealth, warmUpHistory } = await createTradingEngine(config, store, tasks, logger, clock, startedAt);
    // Local mode answers the Bot API in-process and prints the chat.
    const localApi = local
      ? createLocalBotApi({ botInfo: LOCAL_BOT_INFO, filesDir: join(config.dataDir, 'outbox-files'), print: (text) => io.output.write(`${text}\n`), clock })
      : undefined;
    const client = localApi === undefined ? { apiRoot: config.telegram.apiRoot } : { fetch: localApi.fetch };
    const token = config.telegram.token ?? LOCAL_TOKEN;
    const chats = getChats(config, users);
    // Cards, edits, replies, reports and alerts: durable, paced, on an Api of their own.
    const delivery = createDelivery({
      store,
      api: new Api(token, client),
      alertChats: () => chats.ownerChats,
      messagesPerSecond: config.telegram.messagesPerSecond,
      clock,
      logger,
      // The terminal chat has no Telegram limits to keep.
      ...(local ? { gate: { privateIntervalMs: 0, groupIntervalMs: 0 } } : {}),
    });
    const { alerts, outbox } = delivery;
    // Every breaker, registered now or later (Telegram's too), reaches the chat once per outage.
    dependencyHealth.onBreakerChange(createBreakerAlerts({ alerts, logger }));
    dependencyHealth.register('telegram', delivery.telegram, 'telegram');
    const runtime = createJobRuntime({
      jobs: JOBS,
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
      outcomes: engine.outcomes,
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
      { config, logger, engine, users, clock, alerts, outbox, messageIds: delivery.messageIds, alertSettings: delivery.alertSettings, jobs: runtime.scheduler, health: runtime.health, displayTimezone: config.displayTimezone, inbound },
      localApi === undefined ? { token, apiRoot: config.telegram.apiRoot } : { token, botInfo: LOCAL_BOT_INFO, fetch: localApi.fetch },
      { commands: COMMANDS, buttons: BUTTONS },
    );
    const notify = createNotifier({
      outbox,
      approverChats: chats.approverChats,
      alerts,
      isLive: (id) => engine.account(id)?.live === true,
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
    const transport = await startTransport(config, {
      bot,
      logger,
      io,
      tasks,
      clock,
      health,
      lastKeyboard: () => localApi?.lastKeyboard(),
      outboxIdle: () => outbox.idle(),
      firstLocalUpdateId: inboundRepository.nextId(),
    });
    // The menus are a convenience that updates are not waiting for: set them in the background.
    tasks.run('set command menus', () => setCommandMenus(bot.api, COMMANDS, users, logger));
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
    runtime.start();
    tasks.run('first health report', () => runtime.health());
    // Statistics and P&L read the history through projections: built now, not on the first /stats.
    tasks.run('read the history', warmUpHistory);
    phase = 'ok';
    logger.info({ mode: config.mode, trading: config.tradingMode, version: VERSION, data: config.dataDir }, 'Countersign started');

    let stopping: Promise<void> | undefined;
    const stop = () =>
      (stopping ??= (async () => {
        phase = 'stopping';
        await transport.stop();
        inbound.stop();
        await runtime.stop();
        delivery.stop();
        const finished = await tasks.drain(5_000);
        if (!finished) logger.warn({ tasks: tasks.active() }, 'background tasks still running at shutdown');
        await store.close();
        logger.info('Countersign stopped');
      })());
    return { bot, engine, done: transport.done, stop };
  } catch (error) {
    await store.close();
    throw error;
  }
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
  lastKeyboard: () => KeyboardRef | undefined;
  outboxIdle: () => Promise<void>;
  /** Above every update id the store recorded: local chat ids restart with each run. */
  firstLocalUpdateId: number;
}

function startTransport(config: Config, deps: TransportDeps): Promise<RunningTransport> {
  switch (config.mode) {
    case 'local':
      return Promise.resolve(
        startLocalMode({
          bot: deps.bot,
          config,
          version: VERSION,
          tasks: deps.tasks,
          ...deps.io,
          clock: deps.clock,
          lastKeyboard: deps.lastKeyboard,
          outboxIdle: deps.outboxIdle,
          firstUpdateId: deps.firstLocalUpdateId,
        }),
      );
    case 'polling':
      return startPolling(deps.bot, deps.logger);
    case 'webhook':
      if (config.webhook === undefined) throw new Error('webhook mode without webhook settings');
      return startWebhook({ bot: deps.bot, webhook: config.webhook, logger: deps.logger, health: deps.health });
  }
}
