import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { Bot, webhookCallback } from 'grammy';
import type { Update } from 'grammy/types';
import { callBotApi } from './bot-api-stand-in/call-bot-api.js';
import { startBotApiStandIn } from './bot-api-stand-in/start-bot-api-stand-in.js';
import { freePort } from './free-port.js';
import { TEST_TOKEN } from './test-bot.js';
import { waitFor } from './wait-for.js';

const SECRET = 'hook_Secret-123';
const FAST_BACKOFF = { initialMs: 10, maxMs: 40 };

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface Received {
  update: Update;
  secret: string | undefined;
}

/** A webhook endpoint on a local port that records what Telegram (the stand-in) posts. */
async function startReceiver(answer: (received: Received, res: ServerResponse) => void, port = 0) {
  const received: Received[] = [];
  const server: Server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const entry = { update: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Update, secret: req.headers['x-telegram-bot-api-secret-token'] as string | undefined };
      received.push(entry);
      answer(entry, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const close = () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve())));
  cleanups.push(close);
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received, close };
}

async function startStandIn(origin?: string) {
  const standIn = await startBotApiStandIn({ webhook: { backoff: FAST_BACKOFF, ...(origin === undefined ? {} : { origin }) } });
  cleanups.push(() => standIn.close());
  return { standIn, call: (method: string, payload: Record<string, unknown> = {}) => callBotApi(standIn.url, TEST_TOKEN, method, payload) };
}

describe('Bot API stand-in: webhooks', () => {
  it('posts updates to a real grammY webhook with the secret header, at the registered path', async () => {
    const { standIn } = await startStandIn();
    const bot = new Bot(TEST_TOKEN, { client: { apiRoot: standIn.url } });
    bot.command('start', (ctx) => ctx.reply('Hello from webhook mode'));
    const handle = webhookCallback(bot, 'http', { secretToken: SECRET });
    const secrets: (string | undefined)[] = [];
    const server = createServer((req, res) => {
      secrets.push(req.headers['x-telegram-bot-api-secret-token'] as string | undefined);
      if (req.url === '/tg/hook') void handle(req, res);
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))));
    // Telegram posts to the public URL; the stand-in posts to the same path on the local server.
    standIn.setWebhookOrigin(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    await bot.init();
    await bot.api.setWebhook('https://bot.example.com/tg/hook', { secret_token: SECRET, max_connections: 5 });

    standIn.userSends(111, '/start');
    await waitFor(() => standIn.botMessages(111).length === 1, 'the answer sent from the webhook handler');
    expect(secrets, 'the secret header on the delivery').toEqual([SECRET]);
    await waitFor(() => standIn.pendingUpdates().length === 0, 'the 200 confirmed the update');
    expect(await bot.api.getWebhookInfo(), 'the registration').toMatchObject({ url: 'https://bot.example.com/tg/hook', pending_update_count: 0, max_connections: 5 });
  });

  it('redelivers an update after 5xx until the bot answers 2xx, and reports the last error', async () => {
    let failures = 2;
    const receiver = await startReceiver((_r, res) => res.writeHead(failures-- > 0 ? 500 : 200).end());
    const { standIn, call } = await startStandIn(receiver.origin);
    await call('setWebhook', { url: 'https://bot.example.com/hook', secret_token: SECRET });
    const update = standIn.userSends(111, '/status');
    await waitFor(() => standIn.pendingUpdates().length === 0, 'delivered in the end');
    expect(receiver.received.map((r) => r.update.update_id), 'the same update, three times').toEqual([update.update_id, update.update_id, update.update_id]);
    expect(standIn.webhookAttempts.map((a) => a.status), 'two failures, then success').toEqual([500, 500, 200]);
    expect(receiver.received.every((r) => r.secret === SECRET), 'the secret on every attempt').toBe(true);
    expect((await call('getWebhookInfo')).body.result, 'Telegram’s report of the last failure').toMatchObject({ last_error_message: 'Wrong response from the webhook: 500 Internal Server Error' });
  });

  it('keeps retrying while the bot is down and delivers once it is back (a restart)', async () => {
    const port = await freePort();
    const { standIn, call } = await startStandIn(`http://127.0.0.1:${port}`);
    await call('setWebhook', { url: 'https://bot.example.com/hook' });
    const update = standIn.userSends(111, '/status');
    await waitFor(() => standIn.webhookAttempts.length >= 2, 'failed attempts while nothing listens');
    expect(standIn.webhookAttempts[0], 'refused connections').toMatchObject({ status: 0, error: 'Connection refused' });
    const receiver = await startReceiver((_r, res) => res.writeHead(200).end(), port);
    await waitFor(() => receiver.received.length === 1, 'delivered after the restart');
    expect(receiver.received[0]?.update.update_id).toBe(update.update_id);
  });

  it('keeps at most max_connections deliveries in flight', async () => {
    const held: ServerResponse[] = [];
    const receiver = await startReceiver((_r, res) => held.push(res));
    const { standIn, call } = await startStandIn(receiver.origin);
    await call('setWebhook', { url: 'https://bot.example.com/hook', max_connections: 2 });
    for (let i = 0; i < 5; i++) standIn.userSends(111, `m${i}`);
    await waitFor(() => held.length === 2, 'two deliveries');
    await new Promise((r) => setTimeout(r, 100));
    expect(held, 'no third while two are unanswered').toHaveLength(2);
    while (standIn.pendingUpdates().length > 0) {
      held.splice(0).forEach((res) => res.writeHead(200).end());
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(receiver.received.map((r) => r.update.update_id), 'each delivered once, in order').toEqual([1, 2, 3, 4, 5]);
  });

  it('runs a method sent back in the webhook reply, and drops pending updates on request', async () => {
    const receiver = await startReceiver((r, res) => {
      const body = JSON.stringify({ method: 'sendMessage', chat_id: r.update.message?.chat.id, text: 'webhook reply' });
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }).end(body);
    });
    const { standIn, call } = await startStandIn(receiver.origin);
    await call('setWebhook', { url: 'https://bot.example.com/hook' });
    standIn.userSends(111, 'hi');
    await waitFor(() => standIn.botMessages(111).length === 1, 'the reply sent as a method call');
    expect(standIn.botMessages(111)[0]?.text).toBe('webhook reply');

    await call('deleteWebhook');
    standIn.userSends(111, 'while no webhook');
    expect(standIn.pendingUpdates(), 'kept for getUpdates').toHaveLength(1);
    await call('deleteWebhook', { drop_pending_updates: true });
    expect(standIn.pendingUpdates(), 'dropped on request').toEqual([]);
  });
});
