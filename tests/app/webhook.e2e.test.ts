import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeBotApi } from '../helpers/fake-bot-api.js';
import { freePort } from '../helpers/free-port.js';
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
