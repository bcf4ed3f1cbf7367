import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { startApp } from '../../src/app.js';
import { createConfig } from '../../src/config.js';
import { StartAbortedError } from '../../src/start-aborted-error.js';
import { LOCK_FILE_NAME } from '../../src/store/data-dir-lock.js';
import { openStore } from '../../src/store/open-store.js';
import { startFakeBotApi } from '../helpers/fake-bot-api.js';
import { freePort } from '../helpers/free-port.js';
import { TEST_TOKEN } from '../helpers/test-bot.js';
import { waitFor } from '../helpers/wait-for.js';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Long enough that only an abort ends the call within the test. */
const HANGS = { delayMs: 60_000 };

async function fakeApi(methods: Parameters<typeof startFakeBotApi>[0] = {}) {
  const api = await startFakeBotApi(methods);
  cleanups.push(api.close);
  return api;
}

function pollingConfig(apiRoot: string, dataDir = mkdtempSync(join(tmpdir(), 'cs-abort-'))) {
  return createConfig({ TELEGRAM_BOT_TOKEN: TEST_TOKEN, TELEGRAM_ALLOWED_USERS: '111:owner', TELEGRAM_API_ROOT: apiRoot, DATA_DIR: dataDir });
}

function io(signal: AbortSignal) {
  return { input: new PassThrough(), output: { write: () => true }, interactive: false, signal };
}

/** The lock file is gone and another open of the same directory succeeds at once. */
async function expectDataDirFree(dataDir: string): Promise<void> {
  expect(existsSync(join(dataDir, LOCK_FILE_NAME)), 'the lock file was removed, not left for a takeover').toBe(false);
  const store = await openStore({ dataDir });
  await store.close();
}

/** Aborts when `ready` holds, and checks that start-up then gives up quickly and cleanly. */
async function expectAbortedWhen(config: ReturnType<typeof pollingConfig>, ready: () => boolean, what: string): Promise<void> {
  const controller = new AbortController();
  const starting = startApp(config, pino({ level: 'silent' }), io(controller.signal));
  const outcome = starting.then(
    () => 'started',
    (error: unknown) => error,
  );
  await waitFor(ready, what);
  const abortedAt = performance.now();
  controller.abort('SIGTERM');
  const error = await outcome;
  expect(error, `start-up gives up when stopped ${what}`).toBeInstanceOf(StartAbortedError);
  expect(performance.now() - abortedAt, 'at once, not after the slow call').toBeLessThan(2_000);
  await expectDataDirFree(config.dataDir);
}

describe('start-up stopped by a signal', () => {
  it('before it began: nothing is opened', async () => {
    const api = await fakeApi();
    const config = pollingConfig(api.url);
    const controller = new AbortController();
    controller.abort('SIGTERM');
    await expect(startApp(config, pino({ level: 'silent' }), io(controller.signal)), 'an early stop is a clean stop').rejects.toBeInstanceOf(StartAbortedError);
    expect(api.calls, 'Telegram was not called').toEqual([]);
    await expectDataDirFree(config.dataDir);
  });

  it('while the store opens: it is closed again and the lock released', async () => {
    const api = await fakeApi();
    const config = pollingConfig(api.url);
    const controller = new AbortController();
    // startApp runs synchronously up to its first await, inside openStore: the abort lands there.
    const starting = startApp(config, pino({ level: 'silent' }), io(controller.signal));
    controller.abort('SIGTERM');
    await expect(starting, 'stopped while the store opened').rejects.toBeInstanceOf(StartAbortedError);
    expect(api.calls, 'Telegram was not called').toEqual([]);
    await expectDataDirFree(config.dataDir);
  });

  it('while getMe hangs', async () => {
    const api = await fakeApi({ methods: { getMe: HANGS } });
    await expectAbortedWhen(pollingConfig(api.url), () => api.calls.some((c) => c.method === 'getMe'), 'while getMe hangs');
  });

  it('while setWebhook hangs: the port is freed as well', async () => {
    const api = await fakeApi({ methods: { setWebhook: HANGS } });
    const port = await freePort();
    const config = createConfig({
      TELEGRAM_BOT_TOKEN: TEST_TOKEN,
      TELEGRAM_ALLOWED_USERS: '111:owner',
      TELEGRAM_API_ROOT: api.url,
      WEBHOOK_URL: 'https://bot.example.com/tg/hook',
      WEBHOOK_SECRET: 'hook_Secret-123',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: mkdtempSync(join(tmpdir(), 'cs-abort-')),
    });
    await expectAbortedWhen(config, () => api.calls.some((c) => c.method === 'setWebhook'), 'while setWebhook hangs');
    const refused = await fetch(`http://127.0.0.1:${port}/healthz`).catch((error: unknown) => error as { cause?: { code?: string } });
    expect((refused as { cause?: { code?: string } }).cause?.code, 'nothing listens on the port any more').toBe('ECONNREFUSED');
  });

  it('while deleteWebhook hangs: polling never begins, and the next start uses the data directory at once', async () => {
    const api = await fakeApi({ methods: { deleteWebhook: HANGS } });
    const config = pollingConfig(api.url);
    await expectAbortedWhen(config, () => api.calls.some((c) => c.method === 'deleteWebhook'), 'while deleteWebhook hangs');
    await new Promise((resolve) => setTimeout(resolve, 200));
    const polls = api.calls.filter((c) => c.method === 'getUpdates' && c.payload.timeout !== undefined);
    expect(polls, 'no long poll was started after the stop').toEqual([]);
    api.methods.deleteWebhook = undefined;
    const app = await startApp(config, pino({ level: 'silent' }), io(new AbortController().signal));
    cleanups.push(() => app.stop());
    await waitFor(() => api.calls.some((c) => c.method === 'getUpdates'), 'the second start to poll');
    await app.stop();
  });
});
