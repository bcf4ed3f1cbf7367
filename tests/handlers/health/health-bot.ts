import { Bot } from 'grammy';
import { pino } from 'pino';
import { JOBS } from '../../../schedules/index.js';
import type { JobDeps } from '../../../src/jobs/job-deps.js';
import { createAuthMiddleware } from '../../../src/bot/auth.js';
import { BotContext, type BotDeps } from '../../../src/bot/context.js';
import { contextSetup } from '../../../src/bot/context-setup.js';
import { LOCAL_BOT_INFO } from '../../../src/bot/local/local-identity.js';
import { registerCommands } from '../../../src/bot/register-commands.js';
import { createUserDirectory } from '../../../src/bot/user-directory.js';
import { createConfig } from '../../../src/config.js';
import type { HealthReport } from '../../../src/engine/health/collect-health.js';
import { healthCommand, type HealthCommandDeps } from '../../../src/handlers/health.js';
import { jobsCommand, runCommand, type JobsCommandDeps } from '../../../src/handlers/jobs.js';
import type { ScheduledJob } from '../../../src/jobs/scheduled-job.js';
import { startJobs } from '../../../src/jobs/start-jobs.js';
import { recordApiCalls } from '../../helpers/record-api.js';
import { createTestEngine } from '../../helpers/test-engine.js';
import { OWNER, TEST_TOKEN, VIEWER } from '../../helpers/test-bot.js';

export interface HealthBotOptions {
  jobs?: readonly ScheduledJob<JobDeps>[];
  displayTimezone?: string;
  health?: () => Promise<HealthReport>;
}

/**
 * A real grammY Bot with the real context setup, auth and command router, wired with
 * /health, /jobs and /run the way the composition root will, and a recorder for Telegram.
 */
export function createHealthBot(options: HealthBotOptions = {}) {
  const config = createConfig({ TELEGRAM_BOT_TOKEN: TEST_TOKEN, TELEGRAM_ALLOWED_USERS: `${OWNER}:owner,${VIEWER}:viewer`, DATA_DIR: '/tmp/countersign-test-unused' });
  const logger = pino({ level: 'silent' });
  const harness = createTestEngine();
  const jobs = startJobs(options.jobs ?? JOBS, { engine: harness.engine }, logger);
  const users = createUserDirectory(config.telegram.users);
  // Only what the context setup, auth and these three commands read, type-checked; the rest
  // of BotDeps (the alert dispatcher, …) is left out on purpose, so this keeps building as
  // BotDeps grows: hence the cast where the deps go on the context.
  const deps: Pick<BotDeps, 'config' | 'logger' | 'engine' | 'users' | 'clock'> & JobsCommandDeps & Partial<HealthCommandDeps> = {
    config,
    logger,
    engine: harness.engine,
    users,
    clock: () => new Date(),
    jobs,
    ...(options.health === undefined ? {} : { health: options.health }),
    ...(options.displayTimezone === undefined ? {} : { displayTimezone: options.displayTimezone }),
  };
  const commands = [healthCommand, jobsCommand, runCommand];
  const bot = new Bot<BotContext>(TEST_TOKEN, { ContextConstructor: BotContext, botInfo: { ...LOCAL_BOT_INFO, username: 'countersign_test_bot' } });
  const calls = recordApiCalls(bot);
  bot.use(contextSetup(deps as unknown as BotDeps, commands));
  bot.use(createAuthMiddleware({ users, chatId: undefined, clock: deps.clock }));
  bot.use(registerCommands(commands, []));
  const settle = async () => {
    if (!(await harness.tasks.drain(5_000))) throw new Error('background work did not settle');
  };
  return { bot, calls, jobs, settle, harness };
}
