import { Api } from 'grammy';
import { afterEach, describe, expect, it } from 'vitest';
import { APPROVE_PREFIX } from '../../src/bot/keyboards/proposal-keyboard.js';
import { createSignals } from '../../src/create-signals.js';
import { startHttpServer } from '../../src/server/start-http-server.js';
import { OWNER, TEST_TOKEN, createTestBot } from '../helpers/test-bot.js';
import { waitFor } from '../helpers/wait-for.js';
import { startWebhookReceiver, TEST_WHSEC } from '../outbound/webhook-receiver.js';
import { parsePrometheusText, valueOf } from './prometheus-text.js';

const TOKEN = 'metrics-token-0123456789';
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setUp() {
  const receiver = await startWebhookReceiver();
  cleanups.push(receiver.close);
  const bot = createTestBot({
    INBOUND_SIGNALS: '[{"id":"tv","account":"paper","auth":"passphrase"}]',
    INBOUND_SIGNAL_TV_SECRET: 'correct-horse-battery',
    SIGNAL_WEBHOOKS: JSON.stringify([{ id: 'desk', url: receiver.url.href, events: ['proposal.created', 'order.filled'] }]),
    SIGNAL_WEBHOOK_DESK_SECRET: TEST_WHSEC,
    ALLOW_INSECURE_WEBHOOKS: 'yes',
    METRICS_TOKEN: TOKEN,
  });
  const logger = { info: () => undefined, warn: () => undefined, error: () => undefined } as never;
  const signals = await createSignals({
    config: bot.config,
    store: { document: bot.document },
    engine: bot.engine,
    events: bot.bus,
    tasks: bot.tasks,
    delivery: bot.delivery,
    logger,
    clock: () => new Date(),
    jobs: () => bot.runtime.tracker.list(),
    breakers: () => [{ name: 'paper', state: 'closed' }],
    decisions: () => ({ proposed: bot.decisions.entries.filter((d) => d.outcome === 'proposed').length, blocked: 0, byGate: new Map() }),
  });
  // An Api whose Telegram always answers 429: the counter must see each one.
  const limited = new Api(TEST_TOKEN, { fetch: async () => new Response(JSON.stringify({ ok: false, error_code: 429, description: 'Too Many Requests: retry after 1', parameters: { retry_after: 1 } }), { headers: { 'content-type': 'application/json' } }) });
  signals.instrument(bot.bot, limited);
  await signals.start(() => ({ status: 'ok', mode: 'polling', uptimeSeconds: 1, version: 'test' }));
  const server = await startHttpServer({ port: 0, host: '127.0.0.1', routes: signals.routes, health: () => ({ status: 'ok', mode: 'polling', uptimeSeconds: 1, version: 'test' }), logger });
  cleanups.push(() => server.close(100), () => signals.stop());
  const base = `http://127.0.0.1:${server.port}`;
  const scrape = async () => {
    const res = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status, 'scrape allowed with the token').toBe(200);
    expect(res.headers.get('content-type'), 'Prometheus text format').toContain('text/plain; version=0.0.4');
    return parsePrometheusText(await res.text());
  };
  return { bot, receiver, base, scrape, limited };
}

describe('GET /metrics', () => {
  it('wants the bearer token when METRICS_TOKEN is set', async () => {
    const { base } = await setUp();
    expect((await fetch(`${base}/metrics`)).status, 'no token').toBe(401);
    expect((await fetch(`${base}/metrics`, { headers: { authorization: 'Bearer wrong-token-0123456789' } })).status, 'a wrong token').toBe(401);
  });

  it('parses as Prometheus text, and its counters move as a scenario runs', async () => {
    const { bot, receiver, base, scrape, limited } = await setUp();
    const before = await scrape();
    expect(before.types.get('countersign_update_duration_seconds'), 'the latency histogram').toBe('histogram');
    expect(before.samples.some((s) => s.name === 'nodejs_eventloop_lag_p99_seconds'), 'the event-loop delay').toBe(true);
    expect(before.samples.some((s) => s.name === 'process_resident_memory_bytes'), 'default process metrics').toBe(true);
    const sample = (name: string, state: string) => before.samples.find((s) => s.name === name && s.labels.state === state)?.value;
    expect(sample('countersign_proposals', 'pending'), 'nothing pending is a 0, not a missing series').toBe(0);
    expect(sample('countersign_orders', 'open'), 'no open order is a 0 too').toBe(0);

    // The scenario: a command, a signal that becomes a proposal, its approval and fill,
    // webhooks delivered, a job run, and a Telegram 429.
    await bot.say('/status');
    const signal = await fetch(`${base}/signals/tv`, { method: 'POST', body: JSON.stringify({ passphrase: 'correct-horse-battery', symbol: 'BTC/USDT', side: 'buy', quantity: '0.01' }) });
    const { proposal } = (await signal.json()) as { proposal: string };
    await bot.press(`${APPROVE_PREFIX}:${proposal}`, OWNER);
    await bot.settle();
    await waitFor(() => receiver.verified.length === 2, 'proposal.created and order.filled delivered');
    await bot.runtime.scheduler.runNow('expire_proposals');
    await waitFor(() => (bot.runtime.tracker.get('expire_proposals')?.runs.length ?? 0) > 0, 'the job run');
    await limited.getMe().catch(() => undefined);

    const after = await scrape();
    const moved = (name: string, labels: Record<string, string> = {}) => valueOf(after.samples, name, labels) - valueOf(before.samples, name, labels);
    expect(moved('countersign_updates_total', { type: 'message' }), 'the /status update').toBe(1);
    expect(moved('countersign_updates_total', { type: 'callback_query' }), 'the Approve tap').toBe(1);
    expect(moved('countersign_update_duration_seconds_count', { type: 'message' }), 'its latency observed').toBe(1);
    expect(moved('countersign_signals_total', { source: 'tv', result: 'proposed' }), 'the signal').toBe(1);
    expect(moved('countersign_decisions_total', { outcome: 'proposed' }), 'its decision').toBe(1);
    expect(moved('countersign_proposals_decided_total', { decision: 'approved' }), 'the approval').toBe(1);
    expect(moved('countersign_orders_finished_total', { state: 'filled' }), 'the fill').toBe(1);
    expect(moved('countersign_webhook_deliveries_total', { endpoint: 'desk', result: 'delivered' }), 'two webhooks').toBe(2);
    expect(moved('countersign_job_runs_total', { job: 'expire_proposals', outcome: 'ok' }), 'the job run').toBe(1);
    expect(moved('countersign_telegram_429_total'), 'the 429').toBe(1);
    expect(valueOf(after.samples, 'countersign_breaker_state', { dependency: 'paper', state: 'closed' }), 'the breaker').toBe(1);
    expect(valueOf(after.samples, 'countersign_outbox_depth', { kind: 'webhooks' }), 'the webhook outbox drained').toBe(0);
    expect(after.samples.some((s) => s.name === 'countersign_research_cost_usd_total'), 'research cost (0 until research reports)').toBe(true);
  });
});
