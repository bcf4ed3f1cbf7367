import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LOCK_FILE_NAME } from '../../src/store/data-dir-lock.js';
import { openStore } from '../../src/store/open-store.js';
import { startFakeBotApi, type FakeMethodBehaviour } from '../helpers/fake-bot-api.js';
import { spawnMain, spawnNpmStart, type MainProcess } from '../helpers/spawn-main.js';
import { TEST_TOKEN } from '../helpers/test-bot.js';
import { waitFor } from '../helpers/wait-for.js';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Long enough that only the stop ends the call within the test. */
const HANGS: FakeMethodBehaviour = { delayMs: 60_000 };

/** Polling against a local Bot API root, with debug lines so the test sees start-up begin. */
async function pollingBot(methods: Record<string, FakeMethodBehaviour> = {}) {
  const api = await startFakeBotApi({ methods });
  cleanups.push(api.close);
  const dataDir = mkdtempSync(join(tmpdir(), 'cs-signal-'));
  const env = { TELEGRAM_BOT_TOKEN: TEST_TOKEN, TELEGRAM_ALLOWED_USERS: '111:owner', TELEGRAM_API_ROOT: api.url, DATA_DIR: dataDir, LOG_LEVEL: 'debug' };
  return { api, dataDir, env };
}

function track(main: MainProcess): MainProcess {
  cleanups.push(() => main.child.kill('SIGKILL'));
  return main;
}

function hasLogLine(main: MainProcess, msg: string): boolean {
  return main.logLines().some((line) => line.msg === msg);
}

/** The pid of the bot's own node process, from its first debug line. */
function botPid(main: MainProcess): number {
  const pid = main.logLines().find((line) => line.msg === 'starting')?.pid;
  if (typeof pid !== 'number') throw new Error(`no pid in the output:\n${main.output()}`);
  return pid;
}

/** npm's one child: with `exec` in the script that is the bot itself, not a shell or a wrapper. */
function childOf(pid: number): number {
  const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).map(Number);
  expect(children, 'npm start runs one process').toHaveLength(1);
  return children[0] ?? 0;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Clean stop: the lock file was removed by the bot itself, and a new open succeeds at once. */
async function expectDataDirReleased(dataDir: string, main: MainProcess): Promise<void> {
  expect(existsSync(join(dataDir, LOCK_FILE_NAME)), `the lock file is gone; output:\n${main.output()}`).toBe(false);
  const store = await openStore({ dataDir });
  await store.close();
}

async function expectCleanExit(main: MainProcess, dataDir: string, signalledAt: number): Promise<void> {
  expect(await main.exited, `exit code; output:\n${main.output()}`).toBe(0);
  expect(performance.now() - signalledAt, 'well within the 10 s a platform waits before SIGKILL').toBeLessThan(10_000);
  await expectDataDirReleased(dataDir, main);
}

describe('SIGTERM during start-up', () => {
  it('as soon as the process runs, while the app is still loading', async () => {
    const { dataDir, env, api } = await pollingBot();
    const main = track(spawnMain(env));
    await waitFor(() => hasLogLine(main, 'starting'), `the first log line; output:\n${main.output()}`, 15_000);
    const signalledAt = performance.now();
    main.child.kill('SIGTERM');
    await expectCleanExit(main, dataDir, signalledAt);
    expect(hasLogLine(main, 'stopped during start-up'), 'the stop came before the bot was ready').toBe(true);
    expect(api.calls.some((c) => c.method === 'getUpdates'), 'it never began polling').toBe(false);
  });

  // Earlier points (getMe, the store) are covered in-process by start-abort.test.ts.
  it.each(['deleteWebhook'])('while %s hangs', async (method) => {
    const { dataDir, env, api } = await pollingBot({ [method]: HANGS });
    const main = track(spawnMain(env));
    await waitFor(() => api.calls.some((c) => c.method === method), `${method}; output:\n${main.output()}`, 15_000);
    const signalledAt = performance.now();
    main.child.kill('SIGTERM');
    await expectCleanExit(main, dataDir, signalledAt);
    expect(performance.now() - signalledAt, `the hanging ${method} was abandoned, not waited for`).toBeLessThan(5_000);
    expect(hasLogLine(main, 'stopped during start-up'), 'the stop came before the bot was ready').toBe(true);
  });
});

describe('SIGTERM through npm start', () => {
  it.each([
    ['the process that npm start started', (main: MainProcess) => childOf(main.child.pid ?? 0)],
    ['npm itself, which passes it on', (main: MainProcess) => main.child.pid ?? 0],
  ])('sent to %s stops the bot and frees the data directory', async (_target, pidOf) => {
    const { dataDir, env, api } = await pollingBot();
    const main = track(spawnNpmStart(env));
    await waitFor(() => api.calls.some((c) => c.method === 'getUpdates'), `polling; output:\n${main.output()}`, 20_000);
    const bot = botPid(main);
    cleanups.push(() => isRunning(bot) && process.kill(bot, 'SIGKILL'));
    const signalledAt = performance.now();
    process.kill(pidOf(main), 'SIGTERM');
    await waitFor(() => !isRunning(bot), `the bot process (pid ${bot}) to end; output:\n${main.output()}`, 10_000);
    expect(await main.exit, `npm's exit code; output:\n${main.output()}`).toBe(0);
    expect(hasLogLine(main, 'Countersign stopped'), 'the bot stopped gracefully, not killed').toBe(true);
    await expectCleanExit(main, dataDir, signalledAt);
  });
});
