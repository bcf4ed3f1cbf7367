import { Bot } from 'grammy';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { LOCAL_BOT_INFO } from '../../src/bot/local/local-identity.js';
import { createSignalRoutes } from '../../src/server/create-signal-routes.js';
import { createWebhookServer, type WebhookServer } from '../../src/server/create-server.js';
import { createMetricsHandler } from '../../src/server/handle-metrics.js';

let server: WebhookServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('/signals and /metrics on the webhook server', () => {
  it('routes them beside the Telegram webhook and /healthz, which keep working', async () => {
    const seen: string[] = [];
    const routes = createSignalRoutes({
      signals: async (_req, res, sourceId) => {
        seen.push(sourceId);
        res.writeHead(201).end();
      },
      metrics: createMetricsHandler({ token: undefined, render: async () => ({ contentType: 'text/plain; version=0.0.4; charset=utf-8', body: 'up 1\n' }), logger: { error: () => undefined } }),
      logger: { error: () => undefined },
    });
    const bot = new Bot('123456:TEST-TOKEN', { botInfo: LOCAL_BOT_INFO });
    server = createWebhookServer({ webhookPath: '/tg/hook', secretToken: 'secret_0123456789', bot, health: () => ({ status: 'ok', mode: 'webhook', uptimeSeconds: 1, version: 't' }), logger: pino({ level: 'silent' }), routes });
    const { port } = await server.listen(0, '127.0.0.1');
    const base = `http://127.0.0.1:${port}`;
    expect((await fetch(`${base}/signals/tv`, { method: 'POST', body: '{}' })).status, 'a signal reaches its handler').toBe(201);
    expect(seen, 'with its source id').toEqual(['tv']);
    const metrics = await fetch(`${base}/metrics`);
    expect([metrics.status, await metrics.text()], 'metrics').toEqual([200, 'up 1\n']);
    expect((await fetch(`${base}/signals/Bad-Id`, { method: 'POST', body: '{}' })).status, 'not a source id').toBe(404);
    expect((await fetch(`${base}/tg/hook`, { method: 'POST', body: '{}' })).status, 'the webhook still wants its secret').toBe(401);
    expect((await fetch(`${base}/healthz`)).status, 'health').toBe(200);
  });
});
