import type { Bot } from 'grammy';
import type { Config } from './config.js';
import type { Logger } from './logger.js';
import { createEngine, createTaskTracker } from './engine/index.js';
import type { BotContext } from './bot/context.js';
import { createBot } from './bot/create-bot.js';
import { COMMANDS } from './bot/command-registry.js';
import { LOCAL_BOT_INFO, LOCAL_TOKEN, LOCAL_USER } from './bot/local/local-identity.js';
import { startLocalMode } from './bot/local/start-local-mode.js';
import type { RunningTransport } from './bot/running-transport.js';
import { setCommandMenus } from './bot/set-commands.js';
import { startPolling } from './bot/start-polling.js';
import { createUserDirectory } from './bot/user-directory.js';
import { startWebhook } from './server/start-webhook.js';
import { createMetaRepository } from './store/meta-repository.js';
import { openStore } from './store/open-store.js';
import { VERSION } from './version.js';

export interface AppIo {
  input: NodeJS.ReadableStream;
  output: { write(text: string): unknown };
  interactive: boolean;
}

export interface RunningApp {
  readonly bot: Bot<BotContext>;
  /** Resolves when the app ended by itself (the local chat's input ended). */
  readonly done: Promise<void>;
  /** Graceful stop: no new updates, in-flight ones and background work finish, store flushed. */
  stop(): Promise<void>;
}

/** Composition root: store → engine → bot → transport. Throws typed errors on a bad start. */
export async function startApp(config: Config, logger: Logger, io: AppIo, clock: () => Date = () => new Date()): Promise<RunningApp> {
  const startedAt = clock();
  const store = await openStore({ dataDir: config.dataDir, clock });
  if (store.migratedFromVersion !== null) logger.warn({ from: store.migratedFromVersion, path: store.path }, 'store migrated; the old file was kept as a .bak');
  let phase: 'starting' | 'ok' | 'stopping' = 'starting';
  try {
    await createMetaRepository(store).recordStart(startedAt);
    const tasks = createTaskTracker((name, error) => logger.error({ err: error, task: name }, 'background task failed'));
    const engine = createEngine({ version: VERSION, startedAt, clock, store, tasks });
    const local = config.mode === 'local';
    const users = createUserDirectory(local ? new Map([[LOCAL_USER.id, 'owner' as const]]) : config.telegram.users);
    const bot = createBot(
      { config, logger, engine, users, clock },
      { token: config.telegram.token ?? LOCAL_TOKEN, apiRoot: config.telegram.apiRoot, ...(local ? { botInfo: LOCAL_BOT_INFO } : {}) },
    );
    const health = () => ({
      status: phase,
      mode: config.mode,
      uptimeSeconds: Math.floor((clock().getTime() - startedAt.getTime()) / 1000),
      version: VERSION,
    });

    const transport = await startTransport(config, { bot, logger, io, tasks, clock, health });
    await setCommandMenus(bot.api, COMMANDS, users, logger);
    phase = 'ok';
    logger.info({ mode: config.mode, trading: config.tradingMode, version: VERSION, data: config.dataDir }, 'Countersign started');

    let stopping: Promise<void> | undefined;
    const stop = () =>
      (stopping ??= (async () => {
        phase = 'stopping';
        await transport.stop();
        const finished = await tasks.drain(5_000);
        if (!finished) logger.warn({ tasks: tasks.active() }, 'background tasks still running at shutdown');
        await store.close();
        logger.info('Countersign stopped');
      })());
    return { bot, done: transport.done, stop };
  } catch (error) {
    await store.close();
    throw error;
  }
}

interface TransportDeps {
  bot: Bot<BotContext>;
  logger: Logger;
  io: AppIo;
  tasks: ReturnType<typeof createTaskTracker>;
  clock: () => Date;
  health: () => { status: 'starting' | 'ok' | 'stopping'; mode: string; uptimeSeconds: number; version: string };
}

function startTransport(config: Config, deps: TransportDeps): Promise<RunningTransport> {
  switch (config.mode) {
    case 'local':
      return Promise.resolve(
        startLocalMode({ bot: deps.bot, config, version: VERSION, tasks: deps.tasks, ...deps.io, clock: deps.clock }),
      );
    case 'polling':
      return startPolling(deps.bot, deps.logger);
    case 'webhook':
      if (config.webhook === undefined) throw new Error('webhook mode without webhook settings');
      return startWebhook({ bot: deps.bot, webhook: config.webhook, logger: deps.logger, health: deps.health });
  }
}
