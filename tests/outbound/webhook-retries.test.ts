import { afterEach, describe, expect, it } from 'vitest';
import { mulberry32, testSeed } from '../helpers/seeded-random.js';
import { waitFor } from '../helpers/wait-for.js';
import { createOutboxHarness } from './outbox-harness.js';
import { createScaledTime } from './scaled-time.js';
import { startWebhookReceiver, type WebhookReceiver } from './webhook-receiver.js';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setUp(options: Omit<Parameters<typeof createOutboxHarness>[0], 'url'> & { url?: URL } = {}) {
  const receiver = await startWebhookReceiver();
  const harness = createOutboxHarness({ url: receiver.url, ...options });
  cleanups.push(receiver.close, harness.close);
  harness.outbox.start();
  return { receiver, ...harness };
}

const titles = (r: WebhookReceiver) => r.verified.map((d) => (JSON.parse(d.body) as { data: { alert: { title: string } } }).data.alert.title);
const numbered = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `event ${from + i}`);

describe('a receiver outage of 60 s', () => {
  it('ends with everything delivered, in order, nothing missing, no id twice', async () => {
    const seed = testSeed();
    console.log(`webhook outage test seed: ${seed} (TEST_SEED=${seed} replays it)`);
    // ×100: the 60 s outage and its 5-80 s retries take under a second of real time.
    const time = createScaledTime(100);
    const { receiver, publish, outbox, alerts, waiting } = await setUp({ clock: time.clock, timers: time.timers, random: mulberry32(seed) });
    let total = 0;
    for (; total < 5; total++) await publish();
    await waitFor(() => receiver.verified.length === 5, 'the first five');
    await receiver.down();
    const outageEnds = time.nowMs() + 60_000;
    while (time.nowMs() < outageEnds) {
      await publish();
      total += 1;
      await time.sleep(2_000);
    }
    expect(waiting(), 'everything published during the outage waits').toBe(total - 5);
    expect(outbox.status()[0]?.lastFailure?.detail, '/webhooks shows the outage as it happens').toBe('connection refused; retrying');
    await receiver.up();
    await waitFor(() => receiver.verified.length === total, `all ${total} delivered after the outage`, 10_000);
    await outbox.idle();
    expect(total, 'events were published during the outage').toBeGreaterThan(20);
    expect(titles(receiver), 'every event, in publish order').toEqual(numbered(1, total));
    expect(new Set(receiver.verified.map((d) => d.id)).size, 'no webhook-id delivered twice').toBe(total);
    expect(alerts, 'an outage within the retry window raises nothing').toEqual([]);
    expect(waiting(), 'the outbox is empty').toBe(0);
  });

  it('honours Retry-After on 429 and 503', async () => {
    const time = createScaledTime(100);
    const { receiver, publish, outbox } = await setUp({ clock: time.clock, timers: time.timers, random: () => 0 });
    const at: number[] = [];
    receiver.answer(({ attempt }) => {
      at.push(time.nowMs());
      return attempt === 1 ? { status: 429, headers: { 'Retry-After': '30' } } : attempt === 2 ? { status: 503, headers: { 'Retry-After': '20' } } : 200;
    });
    await publish();
    await waitFor(() => receiver.verified.length === 1, 'the third attempt', 5_000);
    await outbox.idle();
    const [first = 0, second = 0, third = 0] = at;
    // With jitter at 0 only Retry-After can explain these waits.
    expect(second - first, 'waited the 30 s of the 429').toBeGreaterThanOrEqual(29_000);
    expect(third - second, 'waited the 20 s of the 503').toBeGreaterThanOrEqual(19_000);
  });

  it('retries after a receiver that never answers, once the 10 s timeout (here 300 ms) passes', async () => {
    const { receiver, publish, outbox } = await setUp({ timeoutMs: 300, random: () => 0 });
    receiver.answer(({ attempt }) => (attempt === 1 ? 'hang' : 204));
    await publish();
    await waitFor(() => receiver.verified.length === 1, 'the retry', 5_000);
    await outbox.idle();
    expect(outbox.status()[0]?.counts.retried, 'the hung attempt counted as one retry').toBe(1);
  });
});

describe('failures that retrying will not fix', () => {
  it('a permanent 4xx drops that event with one HIGH alert naming event and endpoint, and the next ones go on', async () => {
    const { receiver, publish, outbox, alerts } = await setUp();
    let refused: string | undefined;
    receiver.answer(({ id }) => {
      if (receiver.verified.length !== 1 || (refused !== undefined && refused !== id)) return 204;
      refused = id;
      return 422;
    });
    for (let i = 0; i < 3; i++) await publish();
    await waitFor(() => receiver.verified.length === 2, 'events 1 and 3');
    await outbox.idle();
    expect(titles(receiver), 'the refused one is skipped, order kept').toEqual(['event 1', 'event 3']);
    expect(alerts.length, 'exactly one alert').toBe(1);
    expect(alerts[0], 'HIGH, naming the event type and the endpoint').toMatchObject({ severity: 'HIGH', type: 'webhook_failed', title: 'Webhook desk: alert.raised was not delivered' });
    expect(alerts[0]?.body, 'with the status').toContain('refused with 422');
    expect(outbox.status()[0]?.lastFailure?.detail, '/webhooks shows it, and that it was dropped').toBe('refused with 422; dropped');
  });

  it('gives up after the retry window with a HIGH alert naming event and endpoint', async () => {
    const time = createScaledTime(1_000);
    const { receiver, publish, outbox, alerts, waiting } = await setUp({ clock: time.clock, timers: time.timers, policy: { retryForMs: 120_000 } });
    receiver.answer(() => 503);
    await publish();
    await waitFor(() => alerts.length === 1, 'the give-up alert', 5_000);
    await outbox.idle();
    expect(alerts[0], 'HIGH, naming event and endpoint').toMatchObject({ severity: 'HIGH', title: 'Webhook desk: alert.raised was not delivered' });
    expect(alerts[0]?.body, 'why').toMatch(/not accepted within 2 min \(\d+ attempts; last: answered 503\)/);
    expect(waiting(), 'dropped from the outbox').toBe(0);
  });

  it('pauses an endpoint after N events in a row failed, keeps the rest, and resumes on request', async () => {
    const { receiver, publish, outbox, alerts, waiting } = await setUp({ policy: { pauseAfter: 2 } });
    receiver.answer(() => 410);
    for (let i = 0; i < 3; i++) await publish();
    await waitFor(() => alerts.length === 3, 'two failures and the pause', 5_000);
    await outbox.idle();
    expect(alerts.map((a) => a.type), 'each failure, then the pause').toEqual(['webhook_failed', 'webhook_failed', 'webhook_paused']);
    expect(alerts[2]?.body, 'says how to resume').toContain('/webhooks resume desk');
    expect(waiting(), 'the third waits').toBe(1);
    expect(outbox.status()[0]?.paused, '/webhooks shows the pause').toBeDefined();
    receiver.answer(() => 204);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(receiver.verified, 'nothing is sent while paused').toEqual([]);
    expect(await outbox.resume('desk'), 'resumed').toBe('resumed');
    await waitFor(() => receiver.verified.length === 1, 'the third after resume');
    expect(titles(receiver), 'the kept event').toEqual(['event 3']);
    expect(await outbox.resume('desk'), 'resuming twice is harmless').toBe('not_paused');
  });

  it('does not follow a redirect', async () => {
    const { receiver, publish, outbox, alerts } = await setUp();
    receiver.answer(() => ({ status: 302, headers: { Location: '/elsewhere' } }));
    await publish();
    await waitFor(() => alerts.length === 1, 'the alert');
    await outbox.idle();
    expect(alerts[0]?.body, 'named as a redirect').toContain('redirects are not followed');
    expect(receiver.paths, 'one request, and the Location was never requested').toEqual(['/hooks/countersign']);
  });

  it('refuses loopback addresses unless ALLOW_INSECURE_WEBHOOKS allows them, by IP and by name', async () => {
    for (const host of ['127.0.0.1', 'localhost']) {
      const receiver = await startWebhookReceiver();
      cleanups.push(receiver.close);
      const url = new URL(receiver.url);
      url.hostname = host;
      const harness = createOutboxHarness({ url, allowPrivate: false });
      cleanups.push(harness.close);
      harness.outbox.start();
      await harness.publish();
      await waitFor(() => harness.alerts.length === 1, `the alert for ${host}`);
      expect(harness.alerts[0]?.body, `${host} refused before connecting`).toContain('loopback or private address');
      expect(receiver.verified.length + receiver.rejected.length, `nothing reached the receiver via ${host}`).toBe(0);
    }
  });
});
