import { connect } from 'node:net';
import { Bot, type BotConfig, type Context } from 'grammy';
import { pino } from 'pino';
import { rawPostRequest } from '../helpers/raw-connection.js';
import { createWebhookServer, type HealthReport, type WebhookServer } from '../../src/server/create-server.js';
import { LOCAL_BOT_INFO } from '../../src/bot/local/local-identity.js';

export const SECRET = 'test-secret_0123456789';
export const WEBHOOK_PATH = '/telegram/webhook';
export const SECRET_HEADER = 'X-Telegram-Bot-Api-Secret-Token';

export interface Harness {
  bot: Bot;
  server: WebhookServer;
  baseUrl: string;
  port: number;
  /** update_ids that reached a message handler, in order. */
  handled: number[];
  /** Bot API calls made through bot.api / ctx.api (none reach the network). */
  apiCalls: { method: string; payload: unknown }[];
  /** Errors bot.catch received. */
  caught: unknown[];
  health: HealthReport;
}

export interface HarnessOptions {
  /** Registers the bot's handlers; by default every message is recorded at once. */
  setup?: (bot: Bot, handled: number[]) => void;
  client?: BotConfig<Context>['client'];
  /** Lets calls that grammY can answer as a webhook reply reach the raw client. */
  passThroughApi?: boolean;
  shutdownTimeoutMs?: number;
  maxConnections?: number;
  requestTimeoutMs?: number;
  keepAliveTimeoutMs?: number;
  /** Replaces the health function, which by default returns `harness.health`. */
  health?: () => HealthReport;
}

const started: Harness[] = [];

/** A real grammY Bot (botInfo given, so no getMe) behind a real server on an ephemeral port. */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const bot = new Bot('123456:TEST-TOKEN', { botInfo: BOT_INFO, client: options.client });
  const handled: number[] = [];
  const apiCalls: Harness['apiCalls'] = [];
  const caught: unknown[] = [];
  bot.api.config.use((prev, method, payload, signal) => {
    apiCalls.push({ method, payload });
    if (options.passThroughApi === true) return prev(method, payload, signal);
    return Promise.resolve({ ok: true, result: true as never });
  });
  bot.catch((error) => void caught.push(error));
  if (options.setup) options.setup(bot, handled);
  else bot.on('message', (ctx) => void handled.push(ctx.update.update_id));

  const health: HealthReport = { status: 'ok', mode: 'webhook', uptimeSeconds: 12, version: '0.1.0' };
  const server = createWebhookServer({
    webhookPath: WEBHOOK_PATH,
    secretToken: SECRET,
    bot,
    health: options.health ?? (() => health),
    logger: pino({ level: 'silent' }),
    shutdownTimeoutMs: options.shutdownTimeoutMs,
    maxConnections: options.maxConnections,
    requestTimeoutMs: options.requestTimeoutMs,
    keepAliveTimeoutMs: options.keepAliveTimeoutMs,
  });
  const { port } = await server.listen(0, '127.0.0.1');
  const harness: Harness = { bot, server, port, baseUrl: `http://127.0.0.1:${port}`, handled, apiCalls, caught, health };
  started.push(harness);
  return harness;
}

/** Closes every server started by the current test. */
export async function closeHarnesses(): Promise<void> {
  await Promise.all(started.splice(0).map((h) => h.server.close()));
}

export function messageUpdate(updateId: number): Record<string, unknown> {
  return {
    update_id: updateId,
    message: {
      message_id: updateId,
      date: 1_700_000_000,
      chat: { id: 42, type: 'private', first_name: 'Trader' },
      from: { id: 42, is_bot: false, first_name: 'Trader' },
      text: 'hello',
    },
  };
}

/** Posts to the webhook path with the right secret, another one, or (null) none. */
export function postUpdate(h: Harness, body: unknown, secret: string | null = SECRET): Promise<Response> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (secret !== null) headers[SECRET_HEADER] = secret;
  return fetch(`${h.baseUrl}${WEBHOOK_PATH}`, {
    method: 'POST',
    headers,
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export async function waitUntil(condition: () => boolean, timeoutMs = 2_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(5);
  }
}

/**
 * Opens a raw connection and sends a request's head without its final blank line. Node
 * counts such a connection as active, not idle, so it survives the start of close():
 * the only way a request can still arrive once the listener is shut.
 */
export async function openPartialRequest(port: number, head: string): Promise<{ finish(rest: string): Promise<string> }> {
  const socket = connect(port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  let received = '';
  socket.setEncoding('utf8').on('data', (chunk: string) => (received += chunk));
  const ended = new Promise<string>((resolve) => socket.once('close', () => resolve(received)));
  socket.write(head);
  await sleep(20); // Let the server parse the head so the connection counts as active.
  return {
    finish(rest) {
      socket.write(rest);
      return ended;
    },
  };
}

const BOT_INFO = { ...LOCAL_BOT_INFO, id: 123456, first_name: 'Countersign Test', username: 'countersign_test_bot', can_join_groups: true };

/** A webhook request with the right secret, as raw HTTP/1.1. */
export function rawUpdateRequest(updateId: number): string {
  return rawPostRequest(WEBHOOK_PATH, { [SECRET_HEADER]: SECRET, 'Content-Type': 'application/json' }, JSON.stringify(messageUpdate(updateId)));
}
