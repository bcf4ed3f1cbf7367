import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createWebhookServer } from '../../src/server/create-server.js';
import {
  SECRET,
  SECRET_HEADER,
  WEBHOOK_PATH,
  closeHarnesses,
  messageUpdate,
  openPartialRequest,
  postUpdate,
  rawUpdateRequest,
  sleep,
  startHarness,
  waitUntil,
} from './webhook-harness.js';
import { HEALTH_REQUEST, openConnection } from '../helpers/raw-connection.js';

const MIB = 1024 * 1024;

afterEach(closeHarnesses);

describe('POST webhook: authentication', () => {
  it('dispatches an update with the right secret once and answers 200', async () => {
    const h = await startHarness();
    const res = await postUpdate(h, messageUpdate(1));
    expect(res.status, 'an authenticated update is accepted').toBe(200);
    expect(h.handled, 'the message handler ran exactly once').toEqual([1]);
    expect(h.apiCalls, 'nothing was sent to Telegram').toEqual([]);
  });

  it('answers 401 to a wrong secret and touches nothing, not even the deduper', async () => {
    const h = await startHarness();
    const res = await postUpdate(h, messageUpdate(5), 'wrong-secret');
    expect(res.status, 'a wrong secret is refused').toBe(401);
    expect(h.handled, 'no handler ran').toEqual([]);
    const retry = await postUpdate(h, messageUpdate(5));
    expect(retry.status, 'the genuine delivery of that id still goes through').toBe(200);
    expect(h.handled, 'the refused request did not mark the id as seen').toEqual([5]);
  });

  it('answers 401 to a secret that differs only in length', async () => {
    const h = await startHarness();
    const res = await postUpdate(h, messageUpdate(6), `${SECRET}x`);
    expect(res.status, 'a longer secret is refused without a length-dependent error').toBe(401);
    expect(h.handled, 'no handler ran').toEqual([]);
  });

  it('answers 401 when the secret header is missing', async () => {
    const h = await startHarness();
    const res = await postUpdate(h, messageUpdate(2), null);
    expect(res.status, 'an unauthenticated request is refused').toBe(401);
    expect(h.handled, 'no handler ran').toEqual([]);
  });
});

describe('POST webhook: body checks', () => {
  it('answers 413 to a body over 1 MiB announced by Content-Length', async () => {
    const h = await startHarness();
    const padded = JSON.stringify(messageUpdate(3)).padEnd(MIB + 1, ' ');
    const res = await postUpdate(h, padded);
    expect(res.status, 'an oversized body is refused').toBe(413);
    expect(h.handled, 'no handler ran').toEqual([]);
  });

  it('answers 413 to a chunked body that grows over 1 MiB', async () => {
    const h = await startHarness();
    const chunk = new Uint8Array(64 * 1024).fill(0x20);
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        // 2 MiB in total, well past the limit, with no Content-Length to trust.
        if (sent >= 2 * MIB) return controller.close();
        sent += chunk.length;
        controller.enqueue(chunk);
      },
    });
    const res = await fetch(`${h.baseUrl}${WEBHOOK_PATH}`, {
      method: 'POST',
      headers: { [SECRET_HEADER]: SECRET, 'Content-Type': 'application/json' },
      body,
      duplex: 'half',
    });
    expect(res.status, 'the streamed body is cut off at the limit').toBe(413);
    expect(h.handled, 'no handler ran').toEqual([]);
  });

  it('accepts a body of exactly 1 MiB', async () => {
    const h = await startHarness();
    const padded = JSON.stringify(messageUpdate(4)).padEnd(MIB, ' ');
    const res = await postUpdate(h, padded);
    expect(res.status, 'the limit is inclusive').toBe(200);
    expect(h.handled, 'the update was handled').toEqual([4]);
  });

  it.each([
    ['invalid JSON', '{"update_id": 1,'],
    ['a JSON array', '[1, 2]'],
    ['no update_id', '{"message": {}}'],
    ['a string update_id', '{"update_id": "7"}'],
    ['a fractional update_id', '{"update_id": 7.5}'],
  ])('answers 400 to %s', async (_name, body) => {
    const h = await startHarness();
    const res = await postUpdate(h, body);
    expect(res.status, 'a malformed update is refused').toBe(400);
    expect(h.handled, 'no handler ran').toEqual([]);
  });
});

describe('routing', () => {
  it('answers 405 to GET on the webhook path and 404 to unknown paths', async () => {
    const h = await startHarness();
    const get = await fetch(`${h.baseUrl}${WEBHOOK_PATH}`, { headers: { [SECRET_HEADER]: SECRET } });
    expect(get.status, 'only POST is allowed on the webhook path').toBe(405);
    expect(get.headers.get('allow'), '405 names the allowed method').toBe('POST');
    const unknown = await fetch(`${h.baseUrl}/nope`);
    expect(unknown.status, 'unknown paths are not found').toBe(404);
    const prefix = await postUpdate({ ...h, baseUrl: `${h.baseUrl}/x` }, messageUpdate(1));
    expect(prefix.status, 'the webhook path matches exactly').toBe(404);
  });

  it('ignores a query string when matching the webhook path', async () => {
    const h = await startHarness();
    const res = await fetch(`${h.baseUrl}${WEBHOOK_PATH}?from=telegram`, {
      method: 'POST',
      headers: { [SECRET_HEADER]: SECRET },
      body: JSON.stringify(messageUpdate(8)),
    });
    expect(res.status, 'the query string is not part of the path').toBe(200);
    expect(h.handled, 'the update was handled').toEqual([8]);
  });
});

describe('deduplication', () => {
  it('processes a repeated update_id once and answers 200 both times', async () => {
    const h = await startHarness();
    const first = await postUpdate(h, messageUpdate(10));
    const second = await postUpdate(h, messageUpdate(10));
    expect([first.status, second.status], 'Telegram must see success for both deliveries').toEqual([200, 200]);
    expect(h.handled, 'the redelivery was not dispatched').toEqual([10]);
  });

  it('processes concurrent deliveries of one update_id once', async () => {
    const h = await startHarness({
      setup: (bot, handled) =>
        bot.on('message', async (ctx) => {
          handled.push(ctx.update.update_id);
          await sleep(50); // keep the first delivery in flight while the second arrives
        }),
    });
    const statuses = (await Promise.all([1, 2, 3].map(() => postUpdate(h, messageUpdate(11))))).map((r) => r.status);
    expect(statuses, 'every delivery is acknowledged').toEqual([200, 200, 200]);
    expect(h.handled, 'the id is marked on receipt, so only one delivery ran').toEqual([11]);
  });
});

describe('GET /healthz', () => {
  it('answers 200 with status, mode, uptime and version when ok', async () => {
    const h = await startHarness();
    const res = await fetch(`${h.baseUrl}/healthz`);
    expect(res.status, 'a healthy bot answers 200').toBe(200);
    expect(res.headers.get('content-type'), 'the probe gets JSON').toMatch(/^application\/json/);
    expect(await res.json(), 'exactly the documented fields').toEqual({
      status: 'ok',
      mode: 'webhook',
      uptimeSeconds: 12,
      version: '0.1.0',
    });
  });

  it.each(['starting', 'degraded'] as const)('answers 503 with the same shape while %s', async (status) => {
    const h = await startHarness();
    h.health.status = status;
    const res = await fetch(`${h.baseUrl}/healthz`);
    expect(res.status, 'anything but ok is unhealthy').toBe(503);
    expect(await res.json(), 'the body still says why').toEqual({ status, mode: 'webhook', uptimeSeconds: 12, version: '0.1.0' });
  });

  it('answers 503 "degraded" when the health function throws', async () => {
    const h = await startHarness({
      health: () => {
        throw new Error('health source broken');
      },
    });
    const res = await fetch(`${h.baseUrl}/healthz`);
    expect(res.status, 'a broken probe must not look healthy').toBe(503);
    expect(await res.json(), 'the shape stays the same').toMatchObject({ status: 'degraded' });
  });

  it('answers 503 "stopping" once close() has begun', async () => {
    const h = await startHarness({
      setup: (bot, handled) =>
        bot.on('message', async (ctx) => {
          await sleep(300);
          handled.push(ctx.update.update_id);
        }),
    });
    const slow = postUpdate(h, messageUpdate(20));
    await waitUntil(() => h.server.inFlight() === 1);
    const probe = await openPartialRequest(h.port, 'GET /healthz HTTP/1.1\r\nHost: localhost\r\n');
    const closed = h.server.close();
    const raw = await probe.finish('\r\n');
    expect(raw, 'the probe sees the service going away').toMatch(/^HTTP\/1\.1 503/);
    expect(raw, 'the health function said ok, but shutdown wins').toContain('"status":"stopping"');
    expect((await slow).status, 'the in-flight update still completes').toBe(200);
    await closed;
  });
});

describe('graceful shutdown', () => {
  it('lets an in-flight update finish, then resolves and refuses new connections', async () => {
    let closeResolved = false;
    const closeResolvedWhenHandlerEnded: boolean[] = [];
    const h = await startHarness({
      setup: (bot, handled) =>
        bot.on('message', async (ctx) => {
          await sleep(300);
          handled.push(ctx.update.update_id);
          closeResolvedWhenHandlerEnded.push(closeResolved);
        }),
    });
    const slow = postUpdate(h, messageUpdate(30));
    await waitUntil(() => h.server.inFlight() === 1);
    const closed = h.server.close().then(() => void (closeResolved = true));

    expect((await slow).status, 'the in-flight update completes normally').toBe(200);
    expect(h.handled, 'its handler ran to the end').toEqual([30]);
    await closed;
    expect(closeResolvedWhenHandlerEnded, 'close() was still waiting when the handler ended').toEqual([false]);
    expect(h.server.inFlight(), 'nothing is left in flight').toBe(0);
    const refused = await fetch(`${h.baseUrl}/healthz`).catch((error: unknown) => error as Error & { cause?: { code?: string } });
    expect(refused, 'a new connection fails').toBeInstanceOf(Error);
    expect((refused as { cause?: { code?: string } }).cause?.code, 'because nothing listens any more').toBe('ECONNREFUSED');
    await expect(h.server.close(), 'close() is idempotent').resolves.toBeUndefined();
  });

  it('closes a server that never listened', async () => {
    const h = await startHarness();
    await h.server.close();
    const idle = createWebhookServer({
      webhookPath: WEBHOOK_PATH,
      secretToken: SECRET,
      bot: h.bot,
      health: () => h.health,
      logger: pino({ level: 'silent' }),
    });
    await expect(idle.close(), 'shutting down before start-up completed is fine').resolves.toBeUndefined();
  });

  it('answers a handler that outlives the shutdown timeout with 503, not a reset, so Telegram redelivers', async () => {
    const h = await startHarness({
      shutdownTimeoutMs: 100,
      setup: (bot) => bot.on('message', () => sleep(1_500)),
    });
    const slow = postUpdate(h, messageUpdate(31));
    await waitUntil(() => h.server.inFlight() === 1);
    const started = performance.now();
    await h.server.close();
    expect(performance.now() - started, 'close() is bounded by shutdownTimeoutMs').toBeLessThan(1_000);
    const res = await slow;
    expect(res.status, 'the update was not handled for sure: a retryable answer').toBe(503);
    expect(res.headers.get('retry-after'), 'Telegram is told to come back').toBe('1');
  });

  it('keeps an idle keep-alive connection until the work in flight is done: a probe on it gets 503, not a reset', async () => {
    const h = await startHarness({
      setup: (bot, handled) =>
        bot.on('message', async (ctx) => {
          await sleep(300);
          handled.push(ctx.update.update_id);
        }),
    });
    const probe = await openConnection(h.port);
    expect(await probe.request(HEALTH_REQUEST), 'the probe connection works before shutdown').toMatch(/^HTTP\/1\.1 200/);
    const busy = await openConnection(h.port);
    const inFlight = busy.request(rawUpdateRequest(32));
    await waitUntil(() => h.server.inFlight() === 1);
    const closed = h.server.close();

    const health = await probe.request(HEALTH_REQUEST);
    expect(health, 'a probe on a connection still open hears that we are stopping').toMatch(/^HTTP\/1\.1 503/);
    expect(health, 'and that the connection ends with it').toMatch(/connection: close/i);
    const refused = await fetch(`${h.baseUrl}/healthz`).catch((error: unknown) => error as { cause?: { code?: string } });
    expect((refused as { cause?: { code?: string } }).cause?.code, 'no new connection is accepted').toBe('ECONNREFUSED');
    expect(await inFlight, 'the update in flight is answered normally').toMatch(/^HTTP\/1\.1 200/);
    expect(h.handled, 'and was handled').toEqual([32]);
    await closed;
    expect((await probe.closed).error, 'the probe connection was closed, not reset').toBeUndefined();
  });

  it('refuses a webhook update that arrives after close() began with 503, so Telegram redelivers', async () => {
    const h = await startHarness({
      setup: (bot, handled) =>
        bot.on('message', async (ctx) => {
          handled.push(ctx.update.update_id);
          await sleep(200);
        }),
    });
    const slow = postUpdate(h, messageUpdate(40));
    await waitUntil(() => h.server.inFlight() === 1);
    const body = JSON.stringify(messageUpdate(41));
    const late = await openPartialRequest(
      h.port,
      `POST ${WEBHOOK_PATH} HTTP/1.1\r\nHost: localhost\r\n${SECRET_HEADER}: ${SECRET}\r\n` +
        `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n`,
    );
    const closed = h.server.close();
    const raw = await late.finish(`\r\n${body}`);
    expect(raw, 'the late update is refused with a retryable status').toMatch(/^HTTP\/1\.1 503/);
    expect((await slow).status, 'the in-flight update completes').toBe(200);
    await closed;
    expect(h.handled, 'only the update that arrived before close() ran').toEqual([40]);
  });
});

describe('handler failures and webhook replies', () => {
  it('routes a throwing handler to bot.catch and still answers 200', async () => {
    const h = await startHarness({
      setup: (bot) =>
        bot.on('message', () => {
          throw new Error('handler exploded');
        }),
    });
    const res = await postUpdate(h, messageUpdate(50));
    expect(res.status, 'Telegram must not redeliver an update that will fail again').toBe(200);
    expect(h.caught, 'bot.catch saw the error').toHaveLength(1);
    expect(String((h.caught[0] as { error: unknown }).error), 'with the original cause').toContain('handler exploded');
  });

  it('sends a webhook reply as the HTTP response when grammY uses one', async () => {
    const h = await startHarness({
      client: { canUseWebhookReply: (method) => method === 'sendMessage' },
      passThroughApi: true,
      setup: (bot) => bot.on('message', (ctx) => ctx.reply('pong')),
    });
    const res = await postUpdate(h, messageUpdate(60));
    expect(res.status, 'the reply rides on the webhook response').toBe(200);
    expect(await res.json(), 'the body is the Bot API call').toMatchObject({ method: 'sendMessage', chat_id: 42, text: 'pong' });
  });
});
