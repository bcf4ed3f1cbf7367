import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LOCK_FILE_NAME } from '../../src/store/data-dir-lock.js';
import { startFakeBotApi, type FakeMethodBehaviour } from '../helpers/fake-bot-api.js';
import { freePort } from '../helpers/free-port.js';
import { HEALTH_REQUEST, openConnection, probeHealth, rawPostRequest } from '../helpers/raw-connection.js';
import { spawnMain, type MainProcess } from '../helpers/spawn-main.js';
import { TEST_TOKEN } from '../helpers/test-bot.js';
import { textUpdate } from '../helpers/updates.js';
import { waitFor } from '../helpers/wait-for.js';

const SECRET = 'hook_Secret-123';
const running: MainProcess[] = [];
afterEach(() => {
  for (const p of running.splice(0)) p.child.kill('SIGKILL');
});

async function healthz(port: number): Promise<{ status: number; body: Record<string, unknown> } | undefined> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/healthz`);
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  } catch {
    return undefined;
  }
}

describe('webhook mode, end to end through the real entry point', () => {
  it('registers the webhook, handles a signed update, refuses a forged one, and exits 0 on SIGTERM', async () => {
    const api = await startFakeBotApi();
    const port = await freePort();
    const main = spawnMain({
      TELEGRAM_BOT_TOKEN: TEST_TOKEN,
      TELEGRAM_ALLOWED_USERS: '111:owner',
      TELEGRAM_API_ROOT: api.url,
      WEBHOOK_URL: 'https://bot.example.com/tg/hook',
      WEBHOOK_SECRET: SECRET,
      WEBHOOK_MAX_CONNECTIONS: '7',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: mkdtempSync(join(tmpdir(), 'cs-hook-')),
    });
    running.push(main);
    try {
      await waitFor(() => api.calls.some((c) => c.method === 'setWebhook'), `setWebhook; output:\n${main.output()}`, 10_000);
      const setWebhook = api.calls.find((c) => c.method === 'setWebhook')?.payload;
      expect(setWebhook).toMatchObject({
        url: 'https://bot.example.com/tg/hook',
        secret_token: SECRET,
        allowed_updates: ['message', 'callback_query'],
        max_connections: 7,
      });
      // setWebhook comes just before the app reports ready: poll /healthz until it does.
      let health = await healthz(port);
      for (let i = 0; i < 100 && health?.status !== 200; i++) {
        await new Promise((r) => setTimeout(r, 20));
        health = await healthz(port);
      }
      expect(health?.body, 'healthz reports the running bot').toMatchObject({ status: 'ok', mode: 'webhook' });

      const post = (secret: string | undefined) =>
        fetch(`http://127.0.0.1:${port}/tg/hook`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(secret === undefined ? {} : { 'x-telegram-bot-api-secret-token': secret }) },
          body: JSON.stringify(textUpdate(111, '/status')),
        });
      expect((await post('wrong')).status, 'a forged update is refused').toBe(401);
      expect(api.calls.some((c) => c.method === 'sendMessage'), 'and nothing was answered').toBe(false);
      expect((await post(SECRET)).status).toBe(200);
      const answer = api.calls.find((c) => c.method === 'sendMessage');
      expect(String(answer?.payload.text)).toContain('Mode: <b>WEBHOOK</b>');

      const started = Date.now();
      main.child.kill('SIGTERM');
      const code = await main.exited;
      expect(code, `exit code; output:\n${main.output()}`).toBe(0);
      expect(Date.now() - started, 'well within the 10 s budget').toBeLessThan(10_000);
      expect(api.calls.some((c) => c.method === 'deleteWebhook'), 'the webhook stays registered so Telegram keeps updates').toBe(false);
    } finally {
      await api.close();
    }
  });
});

/** A webhook bot on its own port and data directory, against a local Bot API root. */
async function startWebhookBot(methods: Record<string, FakeMethodBehaviour> = {}) {
  const api = await startFakeBotApi({ methods });
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'cs-hook-'));
  const main = spawnMain({
    TELEGRAM_BOT_TOKEN: TEST_TOKEN,
    TELEGRAM_ALLOWED_USERS: '111:owner',
    TELEGRAM_API_ROOT: api.url,
    WEBHOOK_URL: 'https://bot.example.com/tg/hook',
    WEBHOOK_SECRET: SECRET,
    WEBHOOK_MAX_CONNECTIONS: '2',
    HOST: '127.0.0.1',
    PORT: String(port),
    DATA_DIR: dataDir,
  });
  running.push(main);
  let health = await probeHealth(port);
  for (let i = 0; i < 500 && health !== 200; i++) {
    await new Promise((r) => setTimeout(r, 20));
    health = await probeHealth(port);
  }
  expect(health, `the bot to be ready; output:\n${main.output()}`).toBe(200);
  return { api, port, dataDir, main };
}

function updateRequest(updateId: number, text: string): string {
  const update = { ...textUpdate(111, text), update_id: updateId };
  return rawPostRequest('/tg/hook', { 'x-telegram-bot-api-secret-token': SECRET, 'content-type': 'application/json' }, JSON.stringify(update));
}

describe('webhook server limits and shutdown, through the real entry point', () => {
  it('caps connections at WEBHOOK_MAX_CONNECTIONS + 10, and on SIGTERM finishes the updates in flight while refusing new work', async () => {
    // Every answer takes 1.5 s, so the updates are still being handled when SIGTERM comes.
    const { api, port, dataDir, main } = await startWebhookBot({ sendMessage: { delayMs: 1_500 } });
    try {
      const held = await Promise.all(Array.from({ length: 12 }, () => openConnection(port)));
      for (const conn of held) expect(await conn.request(HEALTH_REQUEST), 'within the cap (2 + 10)').toMatch(/^HTTP\/1\.1 200/);
      const over = await openConnection(port);
      const dropped = await Promise.race([over.closed.then(() => true), new Promise<false>((r) => setTimeout(r, 1_000, false))]);
      expect(dropped, 'the 13th connection is dropped at once').toBe(true);
      expect(over.received(), 'without an answer').toBe('');
      const [probe, ...busy] = held;
      for (const conn of busy.slice(3)) conn.end();

      const inFlight = busy.slice(0, 3).map((conn, i) => conn.request(updateRequest(9_000 + i, '/status')));
      await waitFor(() => api.calls.filter((c) => c.method === 'sendMessage').length === 3, `the three handlers to be running; output:\n${main.output()}`);
      const signalledAt = performance.now();
      main.child.kill('SIGTERM');
      await new Promise((r) => setTimeout(r, 200)); // Let the signal reach the server.

      const health = await probe?.request(HEALTH_REQUEST);
      expect(health, 'a probe on a connection still open hears 503, not a reset').toMatch(/^HTTP\/1\.1 503/);
      expect(health, 'saying why').toContain('"status":"stopping"');
      await expect(openConnection(port), 'new connections are refused').rejects.toMatchObject({ code: 'ECONNREFUSED' });
      for (const response of await Promise.all(inFlight)) {
        expect(response, 'each update in flight is answered 200 once handled').toMatch(/^HTTP\/1\.1 200/);
      }
      expect(await main.exited, `exit code; output:\n${main.output()}`).toBe(0);
      expect(performance.now() - signalledAt, 'within the 10 s budget').toBeLessThan(10_000);
      expect(existsSync(join(dataDir, LOCK_FILE_NAME)), 'the data directory is released').toBe(false);
    } finally {
      await api.close();
    }
  });

  it('cuts a slow body sent with the right secret after about 10 s', async () => {
    const { api, port, main } = await startWebhookBot();
    try {
      const slow = await openConnection(port);
      const body = JSON.stringify(textUpdate(111, '/status'));
      const head = rawPostRequest('/tg/hook', { 'x-telegram-bot-api-secret-token': SECRET }, body);
      // Headers and one byte at once, then a byte a second: never done, never idle.
      slow.write(head.slice(0, head.length - body.length + 1));
      let sent = 1;
      const drip = setInterval(() => sent < body.length - 1 && slow.write(body.charAt(sent++)), 1_000);
      const { afterMs } = await slow.closed.finally(() => clearInterval(drip));
      expect(afterMs, 'not before the timeout').toBeGreaterThanOrEqual(9_500);
      expect(afterMs, 'about 10 s, not the 300 s by default in Node').toBeLessThan(13_000);
      expect(api.calls.some((c) => c.method === 'sendMessage'), 'the half-sent update was never handled').toBe(false);
      expect(await probeHealth(port), 'the bot carries on').toBe(200);
      main.child.kill('SIGTERM');
      expect(await main.exited, `exit code; output:\n${main.output()}`).toBe(0);
    } finally {
      await api.close();
    }
  }, 30_000);
});

describe('single instance', () => {
  it('refuses a second process on the same data directory with a clear message', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cs-lock-'));
    const first = spawnMain({ DATA_DIR: dataDir });
    running.push(first);
    await waitFor(() => first.output().includes('LOCAL · PAPER'), 'the first process to start', 10_000);
    const second = spawnMain({ DATA_DIR: dataDir });
    const code = await second.exited;
    expect(code, 'the second one exits with an error').toBe(1);
    expect(second.output()).toMatch(/Another Countersign process \(pid \d+\) is using/);
    first.child.stdin.end();
    expect(await first.exited, 'the first one is unaffected and ends normally').toBe(0);
  });
});
