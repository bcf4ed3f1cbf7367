// Types only: this file imports no module at load time, so its signal handlers are in
// place before anything else runs (under tsx, loading the app takes a second or more).
import type { RunningApp } from './app.js';
import type { Config } from './config.js';
import type { Logger } from './logger.js';

/** Longest a graceful stop may take before we give up (Telegram's webhook timeout is 10 s). */
const SHUTDOWN_DEADLINE_MS = 9_500;

/**
 * The process: signals first, then config → logger → app, and the exit code. A SIGTERM or
 * SIGINT at any moment ends in a clean stop (exit 0, data directory released): before the
 * app started, start-up is aborted and undoes what it began; after, the app stops.
 */
async function main(): Promise<void> {
  const stopRequest = listenForStopSignals();
  const config = await readConfigOrExit();
  const { createLogger } = await import('./logger.js');
  const logger = createLogger({ level: config.logLevel, pretty: config.mode === 'local', secrets: config.secrets });
  logger.debug({ pid: process.pid }, 'starting');
  // A backstop: every known path handles its errors, but a crash here would drop updates.
  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled promise rejection'));
  onAbort(stopRequest, () => beginShutdown(logger, String(stopRequest.reason)));
  const app = await startOrExit(config, logger, stopRequest);
  onAbort(stopRequest, () => void stopAndExit(app, logger, 0));
  app.done.then(
    () => {
      beginShutdown(logger, 'input ended');
      void stopAndExit(app, logger, 0);
    },
    (error: unknown) => {
      logger.fatal({ err: error }, 'the bot stopped unexpectedly');
      beginShutdown(logger, 'transport failed');
      void stopAndExit(app, logger, 1);
    },
  );
}

let shuttingDown = false;

/** Logs the stop once and arms the deadline: a stop that hangs still ends the process. */
function beginShutdown(logger: Logger, reason: string): void {
  if (shuttingDown) return;
  shuttingDown = true;
  logger.info({ reason }, 'shutting down');
  setTimeout(() => {
    logger.error('graceful shutdown took too long; exiting');
    process.exit(1);
  }, SHUTDOWN_DEADLINE_MS).unref();
}

/**
 * SIGTERM and SIGINT abort the returned signal. Repeats are ignored rather than left to
 * Node's default (an immediate kill): Ctrl-C under `npm start` delivers SIGINT twice, once
 * from the terminal and once forwarded by npm, and the second must not cut the first short.
 */
function listenForStopSignals(): AbortSignal {
  const controller = new AbortController();
  const request = (signal: NodeJS.Signals) => {
    if (!controller.signal.aborted) controller.abort(signal);
  };
  process.on('SIGTERM', request);
  process.on('SIGINT', request);
  return controller.signal;
}

function onAbort(signal: AbortSignal, run: () => void): void {
  if (signal.aborted) run();
  else signal.addEventListener('abort', run, { once: true });
}

async function startOrExit(config: Config, logger: Logger, stopRequest: AbortSignal): Promise<RunningApp> {
  const { startApp } = await import('./app.js');
  const { StartAbortedError } = await import('./start-aborted-error.js');
  // The local chat's prompt and in-place redraws need a terminal on both ends.
  const interactive = process.stdin.isTTY === true && process.stdout.isTTY === true;
  const io = { input: process.stdin, output: process.stdout, interactive, signal: stopRequest };
  try {
    return await startApp(config, logger, io);
  } catch (error) {
    if (error instanceof StartAbortedError) {
      logger.info('stopped during start-up');
      process.exit(0);
    }
    return failStart(error, logger);
  }
}

let stopping = false;

/** Stops the app once, whoever asks first (a signal, the end of input), then exits. */
function stopAndExit(app: RunningApp, logger: Logger, code: number): Promise<void> {
  if (stopping) return Promise.resolve();
  stopping = true;
  return app.stop().then(
    () => process.exit(code),
    (error: unknown) => {
      logger.error({ err: error }, 'shutdown failed');
      process.exit(1);
    },
  );
}

async function readConfigOrExit(): Promise<Config> {
  const { createConfig, loadEnvironment } = await import('./config.js');
  const { CountersignError } = await import('./errors.js');
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
async function failStart(error: unknown, logger: Logger): Promise<never> {
  const { CountersignError } = await import('./errors.js');
  if (error instanceof CountersignError) {
    process.stderr.write(`Countersign cannot start: ${error.message}\n`);
  } else {
    logger.fatal({ err: error }, 'start-up failed');
  }
  process.exit(1);
}

await main();
