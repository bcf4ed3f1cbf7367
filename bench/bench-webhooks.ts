import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Api } from 'grammy';
import { pino } from 'pino';
import { createNotifier } from '../src/bot/notifier.js';
import { createConfig } from '../src/config.js';
import { createDelivery } from '../src/create-delivery.js';
import { createSignals } from '../src/create-signals.js';
import { createTradingEngine } from '../src/create-trading-engine.js';
import { createTaskTracker } from '../src/engine/index.js';
import { startHttpServer } from '../src/server/start-http-server.js';
import { createWebhookOutbox } from '../src/outbound/create-webhook-outbox.js';
import { createWebhookPoster } from '../src/outbound/create-webhook-poster.js';
import { createSigner } from '../src/outbound/standard-webhooks.js';
import { openStore } from '../src/store/open-store.js';
import { createOutboundWebhookRepository } from '../src/store/outbound-webhook-repository.js';
import { median, percentile, report } from './measure.js';

const SECRET = `whsec_${Buffer.from('bench-webhook-secret-32-bytes!!!').toString('base64')}`;
const OUTBOUND_EVENTS = 2_000;
const OUTBOUND_RUNS = 3;
const SIGNALS_PER_SECOND = 100;
const SIGNALS = 1_000;

/** Signed webhooks out, and signals in: the two figures of issue 13. */
export async function benchWebhooks(): Promise<void> {
  const rates: number[] = [];
  for (let run = 0; run < OUTBOUND_RUNS; run++) rates.push(await measureOutbound());
  report(`outbound signed webhooks to a local receiver that verifies each (durable outbox on disk, ${OUTBOUND_EVENTS} events, median of ${OUTBOUND_RUNS})`, median(rates), 'events/s', '≥ 500', 0);
  report('outbound signed webhooks, slowest run', Math.min(...rates), 'events/s', '≥ 500', 0);
  // Every step to a queued card waits for an fsync'd write: the disk sets the floor.
  console.log(`context: load average ${loadavg()[0]?.toFixed(1)}, a 2 KB line appended and fdatasynced p50 ${(await appendP50()).toFixed(1)} ms`);
  const inbound = await measureInbound();
  report(`inbound signal → proposal card queued, p99 at ${SIGNALS_PER_SECOND} signals/s (${SIGNALS} signals over HTTP, every gate, store on disk)`, inbound.cardP99, 'ms', '< 50');
  report('inbound signal → proposal card queued, median', inbound.cardP50, 'ms', '< 50');
  report('inbound signal HTTP answer (every gate, proposal stored), p99', inbound.httpP99, 'ms', '< 50');
  console.log(`context: card queued p99 by quarter of the run (pending proposals 0-250, -500, -750, -1000): ${inbound.cardP99ByQuarter.map((ms) => ms.toFixed(0)).join(', ')} ms`);
  console.log(`context: live document at the end ${(inbound.documentBytes / 1e6).toFixed(1)} MB (snapshot and journal; each change appends what it changed); CPU ${inbound.cpuMsPerSignal.toFixed(1)} ms per signal (load generator included)`);
}

/** A receiver in its own process (one core each, as on a server talking to another). */
async function startReceiver() {
  const child = spawn(process.execPath, [join(import.meta.dirname, 'signed-receiver.js')], { env: { ...process.env, WEBHOOK_SECRET: SECRET }, stdio: ['pipe', 'pipe', 'inherit'] });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  while (!/ready (\d+)/.test(output)) await new Promise((resolve) => setTimeout(resolve, 10));
  const port = Number(/ready (\d+)/.exec(output)?.[1]);
  return {
    url: new URL(`http://127.0.0.1:${port}/hooks`),
    async count(): Promise<{ verified: number; rejected: number }> {
      const before = output.length;
      child.stdin.write('?\n');
      while (!/count \d+ \d+\n/.test(output.slice(before))) await new Promise((resolve) => setTimeout(resolve, 5));
      const [, verified, rejected] = /count (\d+) (\d+)/.exec(output.slice(before)) ?? [];
      return { verified: Number(verified), rejected: Number(rejected) };
    },
    async stop(): Promise<void> {
      child.stdin.end();
      await once(child, 'close');
    },
  };
}

/** Events/s from the first publish to the last delivery recorded on disk. */
async function measureOutbound(): Promise<number> {
  const dataDir = await mkdtemp(join(tmpdir(), 'cs-bench-webhooks-'));
  const receiver = await startReceiver();
  const store = await openStore({ dataDir });
  const poster = createWebhookPoster({ allowPrivate: true, userAgent: 'Countersign/bench', clock: () => new Date() });
  const outbox = createWebhookOutbox({
    endpoints: [{ id: 'desk', url: receiver.url, events: ['alert.raised'], sign: createSigner(SECRET) }],
    port: createOutboundWebhookRepository(store),
    post: poster.post,
    alerts: { raise: async (alert) => console.error(`unexpected alert: ${alert.title}`) },
    clock: () => new Date(),
    logger: pino({ level: 'silent' }),
  });
  outbox.start();
  const publish = (n: number) => outbox.publish({ type: 'alert.raised', key: `bench:${n}`, data: { alert: { severity: 'INFO', type: 'bench', title: `Event ${n}`, body: 'A typical alert body of about a hundred characters, as a receiver would get it.' } } });
  const drained = async () => {
    while (outbox.depth() > 0) await new Promise((resolve) => setTimeout(resolve, 1));
    await outbox.idle();
    await store.flush();
  };
  for (let n = 0; n < 50; n++) await publish(-n - 1);
  await drained();
  const started = performance.now();
  // The engine publishes as events happen; a burst is the hard case for the outbox.
  await Promise.all(Array.from({ length: OUTBOUND_EVENTS }, (_, n) => publish(n)));
  await drained();
  const seconds = (performance.now() - started) / 1000;
  const { verified, rejected } = await receiver.count();
  if (verified !== OUTBOUND_EVENTS + 50 || rejected !== 0) throw new Error(`receiver verified ${verified} and rejected ${rejected}; expected ${OUTBOUND_EVENTS + 50} and 0`);
  outbox.stop();
  poster.close();
  await store.close();
  await receiver.stop();
  await rm(dataDir, { recursive: true, force: true });
  return OUTBOUND_EVENTS / seconds;
}

/**
 * The app's own pieces (store on disk, engine, outboxes, notifier, the signal server) as
 * app.ts puts them together, without Telegram: signals posted at a steady 100/s (open loop:
 * each leaves on time whatever the previous ones did), timed until the proposal's card is
 * durably queued in the message outbox. The outbox then sends at Telegram's pace (25/s),
 * to a stand-in Bot API that answers at once.
 */
interface InboundFigures {
  readonly cardP50: number;
  readonly cardP99: number;
  readonly httpP99: number;
  /** p99 of each quarter of the run, in send order: the pending proposals grow 0 → 1,000. */
  readonly cardP99ByQuarter: readonly number[];
  /** The live document once every signal is in, snapshot and journal. */
  readonly documentBytes: number;
  /** Process CPU over the timed run, per signal (the HTTP client runs in the same process). */
  readonly cpuMsPerSignal: number;
}

async function measureInbound(): Promise<InboundFigures> {
  const dataDir = await mkdtemp(join(tmpdir(), 'cs-bench-signals-'));
  const config = createConfig({
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    INBOUND_SIGNALS: '[{"id":"bench","account":"paper","auth":"passphrase","maxPerMinute":6000,"confidence":0.9}]',
    INBOUND_SIGNAL_BENCH_SECRET: 'bench-passphrase-0123',
  });
  const logger = pino({ level: 'silent' });
  const clock = () => new Date();
  const store = await openStore({ dataDir });
  const tasks = createTaskTracker(() => undefined);
  const { engine, events, decisionCounts } = await createTradingEngine(config, store, tasks, logger, clock, clock());
  const delivery = createDelivery({ store, api: new Api('123:bench', { fetch: answerLikeTelegram }), alertChats: () => [1], messagesPerSecond: 25, clock, logger });
  const cardAt = new Map<string, number>();
  const outbox = {
    ...delivery.outbox,
    async send(...args: Parameters<typeof delivery.outbox.send>) {
      await delivery.outbox.send(...args);
      const slot = args[2]?.slot;
      if (slot !== undefined) cardAt.set(slot.slice(slot.indexOf(':') + 1), performance.now());
    },
  };
  const notify = createNotifier({ outbox, approverChats: [1], alerts: delivery.alerts, isLive: () => false, tradingMode: 'paper', logger, clock });
  events.subscribe((event) => tasks.run('notify', () => notify(event)));
  const signals = await createSignals({ config, store, engine, events, tasks, delivery, logger, clock, jobs: () => [], breakers: () => [], decisions: decisionCounts });
  delivery.start();
  const server = await startHttpServer({ port: 0, host: '127.0.0.1', routes: signals.routes, health: () => ({ status: 'ok', mode: 'local', uptimeSeconds: 0, version: 'bench' }), logger });

  const symbols = ['BTC/USDT', 'ETH/USDT', 'SOL/USDT'];
  const sent: { at: number; answeredAt: number; id: string | undefined; status: number }[] = [];
  const post = async (i: number, at: number) => {
    const res = await fetch(`http://127.0.0.1:${server.port}/signals/bench`, { method: 'POST', body: JSON.stringify({ passphrase: 'bench-passphrase-0123', id: `s${i}`, symbol: symbols[i % symbols.length], side: 'buy', notional: '100' }) });
    const json = (await res.json()) as { proposal?: string };
    sent.push({ at, answeredAt: performance.now(), id: json.proposal, status: res.status });
  };
  // Warm-up: the first signals load and compile the code on their path (tsx compiles on use).
  for (let i = 0; i < 30; i++) await post(-i - 1, performance.now());
  await tasks.drain(10_000);
  sent.length = 0;
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const requests: Promise<void>[] = [];
  for (let i = 0; i < SIGNALS; i++) {
    const wait = started + (i * 1000) / SIGNALS_PER_SECOND - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    requests.push(post(i, performance.now()));
  }
  await Promise.all(requests);
  await tasks.drain(30_000);
  const cpu = process.cpuUsage(cpuBefore);
  const documentBytes = await store.sizeBytes();
  await server.close();
  delivery.stop();
  await store.close();
  await rm(dataDir, { recursive: true, force: true });
  const refused = sent.filter((s) => s.status !== 201);
  if (refused.length > 0) throw new Error(`${refused.length} signals were not proposed (statuses ${[...new Set(refused.map((s) => s.status))].join(', ')})`);
  const cardMs = (s: (typeof sent)[number]) => (cardAt.get(s.id ?? '') ?? Infinity) - s.at;
  const card = sent.map(cardMs).sort((a, b) => a - b);
  const http = sent.map((s) => s.answeredAt - s.at).sort((a, b) => a - b);
  const inOrder = [...sent].sort((a, b) => a.at - b.at);
  const quarter = SIGNALS / 4;
  const cardP99ByQuarter = [0, 1, 2, 3].map((q) => percentile(inOrder.slice(q * quarter, (q + 1) * quarter).map(cardMs).sort((a, b) => a - b), 99));
  return { cardP50: percentile(card, 50), cardP99: percentile(card, 99), httpP99: percentile(http, 99), cardP99ByQuarter, documentBytes, cpuMsPerSignal: (cpu.user + cpu.system) / 1000 / SIGNALS };
}

/** A Bot API stand-in that accepts every message at once. */
let messageId = 0;
async function answerLikeTelegram(url: string | URL, init?: RequestInit): Promise<Response> {
  const payload = JSON.parse(String(init?.body ?? '{}')) as { chat_id?: number; text?: string };
  const result = String(url).endsWith('/sendMessage') ? { message_id: ++messageId, date: 0, chat: { id: payload.chat_id, type: 'private', first_name: 'Bench' }, text: payload.text } : true;
  return new Response(JSON.stringify({ ok: true, result }), { headers: { 'content-type': 'application/json' } });
}

/** What one durable change costs the disk: a line appended to a file, then fdatasync. */
async function appendP50(): Promise<number> {
  const dir = await mkdtemp(join(tmpdir(), 'cs-bench-fsync-'));
  const file = await open(join(dir, 'journal'), 'a');
  const samples: number[] = [];
  for (let i = 0; i < 30; i++) {
    const started = performance.now();
    await file.write(`${'x'.repeat(2_000)}\n`);
    await file.datasync();
    samples.push(performance.now() - started);
  }
  await file.close();
  await rm(dir, { recursive: true, force: true });
  return median(samples);
}
