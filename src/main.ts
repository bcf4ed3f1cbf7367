import { startApp, type RunningApp } from './app.js';
import { createConfig, loadEnvironment, type Config } from './config.js';
import { createLogger, type Logger } from './logger.js';
import { CountersignError } from './errors.js';

/** Longest a graceful shutdown may take before we give up (Telegram's webhook timeout is 10 s). */
const SHUTDOWN_DEADLINE_MS = 9_500;

async function main(): Promise<void> {
  const config = readConfigOrExit();
  const logger = createLogger({ level: config.logLevel, pretty: config.mode === 'local', secrets: config.secrets });
  let app: RunningApp;
  try {
    // The local chat's prompt and in-place redraws need a terminal on both ends.
    const interactive = process.stdin.isTTY === true && process.stdout.isTTY === true;
    app = await startApp(config, logger, { input: process.stdin, output: process.stdout, interactive });
  } catch (error) {
    failStart(error, logger);
    return;
  }

  const shutdown = (reason: string, code = 0) => {
    logger.info({ reason }, 'shutting down');
    setTimeout(() => {
      logger.error('graceful shutdown took too long; exiting');
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS).unref();
    app.stop().then(
      () => process.exit(code),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  // A backstop: every known path handles its errors, but a crash here would drop updates.
  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled promise rejection'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
  app.done.then(
    () => shutdown('input ended'),
    (error: unknown) => {
      logger.fatal({ err: error }, 'the bot stopped unexpectedly');
      shutdown('transport failed', 1);
    },
  );
}

function readConfigOrExit(): Config {
  try {
    return createConfig(loadEnvironment(process.env));
  } catch (error) {
    if (error instanceof CountersignError) {
      process.stderr.write(`${error.message}\nSee .env.example for every variable and its default.\n`);
      process.exit(1);
    }
    throw error;
  }
}

/** Expected start-up failures (locked data dir, corrupt store) get their message, not a stack. */
function failStart(error: unknown, logger: Logger): never {
  if (error instanceof CountersignError) {
    process.stderr.write(`Countersign cannot start: ${error.message}\n`);
  } else {
    logger.fatal({ err: error }, 'start-up failed');
  }
  process.exit(1);
}

await main();
