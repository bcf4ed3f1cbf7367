import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeBotApi, type FakeMethodBehaviour } from './fake-bot-api.js';
import { freePort } from './free-port.js';
import { probeHealth, rawPostRequest } from './raw-connection.js';
import { spawnMain, type MainProcess } from './spawn-main.js';
import { TEST_TOKEN } from './test-bot.js';
import { textUpdate } from './updates.js';

export const WEBHOOK_SECRET = 'hook_Secret-123';
export const WEBHOOK_PATH = '/tg/hook';
/** Telegram is told 2; the server then allows 2 + 10 connections. */
export const WEBHOOK_MAX_CONNECTIONS = 2;
export const OWNER_ID = 111;

export interface WebhookBotProcess {
  api: Awaited<ReturnType<typeof startFakeBotApi>>;
  port: number;
  dataDir: string;
  main: MainProcess;
  /** SIGKILLs the bot if it still runs and closes the Bot API stand-in. */
  close(): Promise<void>;
}

/**
 * The real entry point in webhook mode, on its own port and data directory, against a
 * local Bot API root; resolves once /healthz answers 200.
 */
export async function startWebhookBot(methods: Record<string, FakeMethodBehaviour> = {}): Promise<WebhookBotProcess> {
  const api = await startFakeBotApi({ methods });
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'cs-hook-'));
  const main = spawnMain({
    TELEGRAM_BOT_TOKEN: TEST_TOKEN,
    TELEGRAM_ALLOWED_USERS: `${OWNER_ID}:owner`,
    TELEGRAM_API_ROOT: api.url,
    WEBHOOK_URL: `https://bot.example.com${WEBHOOK_PATH}`,
    WEBHOOK_SECRET,
    WEBHOOK_MAX_CONNECTIONS: String(WEBHOOK_MAX_CONNECTIONS),
    HOST: '127.0.0.1',
    PORT: String(port),
    DATA_DIR: dataDir,
  });
  const close = async () => {
    main.child.kill('SIGKILL');
    await api.close();
  };
  // Probes on connections of their own: pooled ones would count against the cap under test.
  for (let i = 0; i < 750 && (await probeHealth(port)) !== 200; i++) await new Promise((r) => setTimeout(r, 20));
  if ((await probeHealth(port)) !== 200) {
    await close();
    throw new Error(`the bot did not become ready; output:\n${main.output()}`);
  }
  return { api, port, dataDir, main, close };
}

/** A signed update from the owner, as raw HTTP/1.1. */
export function rawUpdate(updateId: number, text: string): string {
  const update = { ...textUpdate(OWNER_ID, text), update_id: updateId };
  return rawPostRequest(WEBHOOK_PATH, { 'x-telegram-bot-api-secret-token': WEBHOOK_SECRET, 'content-type': 'application/json' }, JSON.stringify(update));
}
