import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Bot } from 'grammy';
import { pino } from 'pino';
import { createBotApiSend } from '../src/bot/alerts/create-bot-api-send.js';
import { alertRenderer } from '../src/bot/alerts/render-alert.js';
import { createAlertDispatcher } from '../src/alerts/create-alert-dispatcher.js';
import { LOCAL_BOT_INFO } from '../src/bot/local/local-identity.js';
import type { AlertInput } from '../src/engine/ports/alert-sink.js';
import { createAlertOutboxRepository } from '../src/store/alert-outbox-repository.js';
import { openStore } from '../src/store/open-store.js';
import { report } from './measure.js';
import { alertsIn } from '../tests/helpers/count-alerts.js';
import { createSendGate } from '../src/outbox/send-gate.js';

const TOKEN = '123456789:AAHn5xBenchBenchBenchBenchBenchBen';
const CHAT = 4242;
const ALERTS = 1_000;
const BURST_MS = 1_000;
const BATCHES = 20;
const DRAIN_LIMIT_MS = 60_000;

interface Accepted {
  text: string;
  at: number;
}

/**
 * A local Bot API that enforces Telegram's ~1 message/s per chat the way Telegram does:
 * HTTP 429 with `parameters.retry_after`. It records every message it accepted.
 */
async function startRateLimitedBotApi() {
  const accepted: Accepted[] = [];
  const lastAcceptedAt = new Map<string, number>();
  let refused = 0;
  let attempts = 0;
  const server = createServer(async (req, res) => {
    const payload = await readJson(req);
    const reply = (status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (!/\/sendMessage$/.test(req.url ?? '')) return reply(404, { ok: false, error_code: 404, description: 'Not Found' });
    attempts++;
    const chat = String(payload.chat_id);
    const now = performance.now();
    const wait = (lastAcceptedAt.get(chat) ?? -Infinity) + 1_000 - now;
    if (wait > 0) {
      refused++;
      const retryAfter = Math.ceil(wait / 1_000);
      return reply(429, { ok: false, error_code: 429, description: `Too Many Requests: retry after ${retryAfter}`, parameters: { retry_after: retryAfter } });
    }
    lastAcceptedAt.set(chat, now);
    accepted.push({ text: String(payload.text), at: now });
    return reply(200, { ok: true, result: { message_id: accepted.length, date: Math.floor(Date.now() / 1_000), chat: { id: Number(chat), type: 'private', first_name: 'Bench' }, text: payload.text } });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    accepted,
    refused: () => refused,
    attempts: () => attempts,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
}

/** Mostly INFO/WARNING with repeated dedupe keys, a few HIGH, one CRITICAL in the middle. */
function alertAt(i: number): AlertInput {
  if (i === ALERTS / 2) return { severity: 'CRITICAL', type: 'breaker_open', title: 'Circuit breaker open: alpaca' };
  if (i % 100 === 7) return { severity: 'HIGH', type: 'order_unresolved', title: `Order ${i % 300} not resolved`, body: 'venue timed out after acceptance' };
  if (i % 4 === 0) return { severity: 'WARNING', type: 'job_stale', title: `Job ${i % 5} is late`, body: 'last run 12 min ago' };
  return { severity: 'INFO', type: 'scan_note', title: `Scanned BTC_USD <${i % 17}>` };
}


/**
 * 1,000 alerts within 1 s to one chat through the real outbox (a store file on disk), a
 * real grammY Bot and HTTP into a local Bot API that answers 429 above 1 message/s.
 */
export async function benchAlerts(): Promise<void> {
  const api = await startRateLimitedBotApi();
  const dir = await mkdtemp(join(tmpdir(), 'cs-bench-alerts-'));
  const store = await openStore({ dataDir: dir });
  const bot = new Bot(TOKEN, { botInfo: LOCAL_BOT_INFO, client: { apiRoot: api.url } });
  const dispatcher = createAlertDispatcher({
    outbox: createAlertOutboxRepository(store),
    render: alertRenderer,
    gate: createSendGate(),
    send: createBotApiSend(bot.api),
    chats: () => [CHAT],
    clock: () => new Date(),
    logger: pino({ level: 'silent' }),
  });
  try {
    dispatcher.start();
    const t0 = performance.now();
    let criticalRaisedAt = 0;
    const raised: Promise<void>[] = [];
    for (let batch = 0; batch < BATCHES; batch++) {
      const size = ALERTS / BATCHES;
      for (let i = batch * size; i < (batch + 1) * size; i++) {
        if (i === ALERTS / 2) criticalRaisedAt = performance.now();
        raised.push(dispatcher.raise(alertAt(i)));
      }
      if (batch < BATCHES - 1) await new Promise((resolve) => setTimeout(resolve, BURST_MS / BATCHES));
    }
    const issuedIn = performance.now() - t0;
    await Promise.all(raised);
    const durableIn = performance.now() - t0;
    while (dispatcher.depth() > 0 && performance.now() - t0 < DRAIN_LIMIT_MS) await new Promise((resolve) => setTimeout(resolve, 20));
    const drainedIn = performance.now() - t0;

    const critical = api.accepted.find((m) => m.text.startsWith('🚨'));
    const represented = api.accepted.reduce((sum, m) => sum + alertsIn(m.text), 0);
    report('alert burst: alerts raised', ALERTS, `alerts in ${issuedIn.toFixed(0)} ms, all on disk after ${durableIn.toFixed(0)} ms`, '1,000 within 1 s', 0);
    report('alert burst: alerts lost', ALERTS - represented, 'alerts', '0', 0);
    report('alert burst: first CRITICAL delivered after', critical === undefined ? Number.NaN : critical.at - criticalRaisedAt, 'ms', '< 2,000 ms', 0);
    report('alert burst: messages the chat received', api.accepted.length, 'messages', '≤ 20', 0);
    report('alert burst: send attempts', api.attempts(), 'requests', 'messages + 429s', 0);
    report('alert burst: 429s received', api.refused(), 'responses', 'honoured; ideally 0', 0);
    report('alert burst: outbox drained after', drainedIn / 1_000, 's', `< ${DRAIN_LIMIT_MS / 1_000} s`, 1);
  } finally {
    dispatcher.stop();
    await store.close();
    await api.close();
    await rm(dir, { recursive: true, force: true });
  }
}
