import { afterEach, describe, expect, it } from 'vitest';
import { Webhook } from 'standardwebhooks';
import { WEBHOOK_PAYLOADS, type WebhookEventType } from '../../src/outbound/webhook-payloads.js';
import { waitFor } from '../helpers/wait-for.js';
import { createOutboxHarness } from './outbox-harness.js';
import { startWebhookReceiver, TEST_WHSEC, type WebhookReceiver } from './webhook-receiver.js';
import { createScaledTime } from './scaled-time.js';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setUp(options: Omit<Parameters<typeof createOutboxHarness>[0], 'url'> = {}) {
  const receiver = await startWebhookReceiver();
  const harness = createOutboxHarness({ url: receiver.url, ...options });
  cleanups.push(receiver.close, harness.close);
  harness.outbox.start();
  return { receiver, ...harness };
}

const titles = (r: WebhookReceiver) => r.verified.map((d) => (JSON.parse(d.body) as { data: { alert: { title: string } } }).data.alert.title);

describe('outbound webhooks: a real receiver verifies every delivery with the standardwebhooks library', () => {
  it('delivers signed payloads that verify, match their schema, in order, each once', async () => {
    const { receiver, publish, outbox, waiting } = await setUp();
    for (let i = 0; i < 20; i++) await publish();
    await waitFor(() => receiver.verified.length === 20, '20 deliveries');
    await outbox.idle();
    expect(receiver.rejected, 'no delivery failed verification').toEqual([]);
    expect(titles(receiver), 'in publish order').toEqual(Array.from({ length: 20 }, (_, i) => `event ${i + 1}`));
    expect(new Set(receiver.verified.map((d) => d.id)).size, 'one id per event').toBe(20);
    for (const d of receiver.verified) {
      const payload = JSON.parse(d.body) as { type: WebhookEventType };
      expect(WEBHOOK_PAYLOADS[payload.type].safeParse(payload).success, `${payload.type} matches its schema`).toBe(true);
      expect(d.headers['webhook-signature'], 'Standard Webhooks signature format').toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    }
    expect(waiting(), 'delivered events leave the outbox').toBe(0);
  });

  it('keeps the webhook-id of an event across redeliveries', async () => {
    const time = createScaledTime(1_000);
    const { receiver, publish, outbox } = await setUp({ clock: time.clock, timers: time.timers });
    receiver.answer(({ attempt }) => (attempt < 3 ? 503 : 200));
    await publish();
    await waitFor(() => receiver.verified.length === 1, 'the third attempt');
    await outbox.idle();
    const id = receiver.verified[0]?.id ?? '';
    expect(receiver.attemptsOf(id), 'two 503s, then accepted, all under one id').toBe(3);
  });
});

describe('the receiver rejects what it must', () => {
  it('refuses a tampered body, a tampered timestamp and a replay older than 5 minutes', async () => {
    const { receiver, publish } = await setUp();
    await publish();
    await waitFor(() => receiver.verified.length === 1, 'one delivery');
    const original = receiver.verified[0];
    if (original === undefined) throw new Error('no delivery');
    const headers = { 'webhook-id': String(original.headers['webhook-id']), 'webhook-timestamp': String(original.headers['webhook-timestamp']), 'webhook-signature': String(original.headers['webhook-signature']) };
    const post = (body: string, h: Record<string, string>) => fetch(receiver.url, { method: 'POST', body, headers: { 'content-type': 'application/json', ...h } }).then((r) => r.status);
    expect(await post(original.body, headers), 'the genuine request, replayed at once, still verifies (receivers dedupe by id)').toBe(204);
    expect(await post(original.body.replace('event 1', 'event 2'), headers), 'a changed body').toBe(401);
    expect(await post(original.body, { ...headers, 'webhook-timestamp': String(Number(headers['webhook-timestamp']) + 1) }), 'a changed timestamp').toBe(401);
    // A replay signed 6 minutes ago: a genuine signature, but too old.
    const old = new Date(Date.now() - 6 * 60_000);
    const signature = new Webhook(TEST_WHSEC).sign(headers['webhook-id'], old, original.body);
    expect(await post(original.body, { ...headers, 'webhook-timestamp': String(Math.floor(old.getTime() / 1000)), 'webhook-signature': signature }), 'a replay older than 5 minutes').toBe(401);
    expect(receiver.rejected.map((r) => r.reason), 'each refused by the library, for its reason').toEqual(['No matching signature found', 'No matching signature found', 'Message timestamp too old']);
  });

  it('sees our own deliveries refused when our clock is over 5 minutes off, and says so with one alert', async () => {
    const { receiver, publish, alerts, outbox } = await setUp({ postClock: () => new Date(Date.now() - 6 * 60_000) });
    await publish();
    await waitFor(() => alerts.length === 1, 'the HIGH alert');
    await outbox.idle();
    expect(receiver.verified, 'nothing accepted').toEqual([]);
    expect(alerts[0]?.body, 'the 401 is named').toContain('refused with 401');
  });
});
